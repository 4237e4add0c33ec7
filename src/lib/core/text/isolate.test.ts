import { describe, expect, it } from 'vitest';
import { quoted } from './isolate';

describe('quoted', () => {
	it('wraps user text in quotes and bidi isolates', () => {
		expect(quoted('maria')).toBe('“\u2068maria\u2069”');
		expect(quoted('\u202Eevil')).toBe('“\u2068\u202Eevil\u2069”');
	});
});
