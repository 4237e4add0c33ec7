import { describe, expect, it } from 'vitest';
import { wordMoveKey } from './word-moves';

function key(k: string, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>> = {}): KeyboardEvent {
	return { key: k, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods } as KeyboardEvent;
}

describe('wordMoveKey', () => {
	it('moves by word on Ctrl+←/→, extending with Shift, whether or not a span is selected', () => {
		expect(wordMoveKey(key('ArrowRight', { ctrlKey: true }), false)).toEqual({ direction: 1, extend: false });
		expect(wordMoveKey(key('ArrowLeft', { ctrlKey: true, shiftKey: true }), true)).toEqual({ direction: -1, extend: true });
	});

	it('moves by word on Alt+←/→ (the Mac’s word move) only while no span is selected', () => {
		expect(wordMoveKey(key('ArrowRight', { altKey: true, shiftKey: true }), false)).toEqual({ direction: 1, extend: true });
		expect(wordMoveKey(key('ArrowRight', { altKey: true }), true)).toBeNull();
	});

	it('leaves other keys and modifier combinations alone', () => {
		expect(wordMoveKey(key('ArrowRight'), false)).toBeNull();
		expect(wordMoveKey(key('ArrowUp', { ctrlKey: true }), false)).toBeNull();
		expect(wordMoveKey(key('ArrowLeft', { metaKey: true }), false)).toBeNull();
		expect(wordMoveKey(key('ArrowLeft', { ctrlKey: true, altKey: true }), false)).toBeNull();
	});
});
