import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TextPositions } from './positions';
import { LazyBlocks } from './lazy-blocks';

// 40 lines of 9 characters in blocks of 20 characters: 3 lines (27 characters) per block, 14 blocks.
const TEXT = Array.from({ length: 40 }, (_, i) => `line ${String(i).padStart(3, '0')}`).join('\n');
const positions = new TextPositions(TEXT, 20);

describe('block positions', () => {
	it('give each block its node’s positions, end to end', () => {
		let pos = 0;
		positions.doc.forEach((node, offset, index) => {
			expect(positions.blockPos(index)).toEqual({ from: offset, to: offset + node.nodeSize });
			pos = offset + node.nodeSize;
		});
		expect(pos).toBe(positions.doc.content.size);
	});
});

describe('LazyBlocks', () => {
	it('starts with the blocks of the first characters live, and knows a block by any position in it', () => {
		const lazy = new LazyBlocks(positions, 30);
		expect(positions.blockCount).toBe(14);
		// Offset 30 is in line 3, the second block.
		expect([...Array(14).keys()].filter((b) => lazy.isLive(b))).toEqual([0, 1]);
		const { from, to } = positions.blockPos(5);
		expect(lazy.blockAt(from)).toBe(5);
		expect(lazy.at(from + 3, to - 2)).toEqual([5]);
		expect(lazy.at(from + 3)).toEqual([]);
		expect(lazy.isLive(5)).toBe(true);
	});

	it('makes the blocks on screen first, then the rest in order, each once, until done', () => {
		const lazy = new LazyBlocks(positions, 30);
		const window = { start: positions.lines[30].start, end: positions.lines[35].end };
		expect(lazy.next(3, window)).toEqual([10, 11, 2]);
		expect(lazy.next(4, window)).toEqual([3, 4, 5, 6]);
		expect(lazy.next(100, null)).toEqual([7, 8, 9, 12, 13]);
		expect(lazy.done).toBe(true);
		expect(lazy.next(5, window)).toEqual([]);
	});

	it('takes every block exactly once, whatever the windows and slice sizes (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.nat(TEXT.length), fc.nat(TEXT.length), fc.nat(positions.doc.content.size)), { maxLength: 40 }), (steps) => {
				const lazy = new LazyBlocks(positions, 0);
				const taken = [0];
				for (const [count, a, b, pos] of steps) {
					taken.push(...lazy.next(count, { start: Math.min(a, b), end: Math.max(a, b) }), ...lazy.at(pos));
				}
				while (!lazy.done) taken.push(...lazy.next(3, null));
				expect(taken.sort((x, y) => x - y)).toEqual([...Array(14).keys()]);
			})
		);
	});
});
