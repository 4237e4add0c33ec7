import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SpanSet, compareSpans } from './span-set';
import type { Span } from '../types';

function span(id: string, start: number, end: number, label = 'actor'): Span {
	return { id, articleId: 'a-1', start, end, label, annotator: 'maria', createdAt: 1, updatedAt: 1 };
}

const ids = (spans: readonly Span[]) => spans.map((s) => s.id);

/** A random edit, as the property tests generate them: `pick` chooses the span to change. */
type Operation =
	| { type: 'add'; start: number; length: number; label: string }
	| { type: 'remove'; pick: number }
	| { type: 'relabel'; pick: number; label: string }
	| { type: 'replace'; pick: number; start: number; length: number };

/** Applies `op` (the `n`th) to both the set and a plain-array model of it. */
function applyOperation(set: SpanSet, model: Span[], op: Operation, n: number): [SpanSet, Span[]] {
	if (op.type === 'add') {
		const added = span(`s${n}`, op.start, op.start + op.length, op.label);
		return [set.add(added), [...model, added]];
	}
	if (model.length === 0) return [set, model];
	const victim = model[op.pick % model.length];
	if (op.type === 'remove') return [set.remove(victim.id), model.filter((s) => s !== victim)];
	const changed = op.type === 'relabel' ? { ...victim, label: op.label } : { ...victim, start: op.start, end: op.start + op.length };
	return [set.replace(changed), model.map((s) => (s === victim ? changed : s))];
}

/** Spans per label in a plain-array model. */
function countLabels(model: readonly Span[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const s of model) counts[s.label] = (counts[s.label] ?? 0) + 1;
	return counts;
}

describe('SpanSet', () => {
	// claim 0–40 holds actor 0–8 and figure 20–30; another claim crosses it at 35–50.
	const claim = span('c', 0, 40, 'claim');
	const actor = span('a', 0, 8, 'actor');
	const figure = span('f', 20, 30, 'figure');
	const crossing = span('x', 35, 50, 'claim');
	const set = SpanSet.from([figure, crossing, actor, claim]);

	it('keeps spans sorted by start, then longest first, then label and id', () => {
		expect(ids(set.all())).toEqual(['c', 'a', 'f', 'x']);
		const sameRange = SpanSet.from([span('2', 0, 5, 'b'), span('1', 0, 5, 'b'), span('3', 0, 5, 'a')]);
		expect(ids(sameRange.all())).toEqual(['3', '1', '2']);
		expect(set.all()).toBe(set.all());
	});

	it('looks spans up by id', () => {
		expect(set.size).toBe(4);
		expect(set.get('f')).toBe(figure);
		expect(set.has('f')).toBe(true);
		expect(set.get('nope')).toBeUndefined();
		expect(SpanSet.empty.size).toBe(0);
		expect(SpanSet.from([])).toBe(SpanSet.empty);
	});

	it('adds, removes and replaces without changing the original', () => {
		const added = set.add(span('n', 10, 12));
		expect(ids(added.all())).toEqual(['c', 'a', 'n', 'f', 'x']);
		expect(set.size).toBe(4);
		expect(set.has('n')).toBe(false);
		expect(added.has('n')).toBe(true);
		const removed = added.remove('a');
		expect(ids(removed.all())).toEqual(['c', 'n', 'f', 'x']);
		expect(added.has('a')).toBe(true);
		expect(removed.has('a')).toBe(false);
		const moved = removed.replace({ ...figure, start: 45, end: 46 });
		expect(ids(moved.all())).toEqual(['c', 'n', 'x', 'f']);
		expect(removed.get('f')).toBe(figure);
	});

	it('returns itself when nothing changes', () => {
		expect(set.remove('nope')).toBe(set);
		expect(set.replace(figure)).toBe(set);
		expect(set.replace({ ...figure })).toBe(set);
		expect(set.replace({ ...figure, note: 'n' })).not.toBe(set);
	});

	it('throws RangeError on programmer errors', () => {
		expect(() => set.add(span('a', 1, 2))).toThrow(/span id "a" is already in the set/);
		expect(() => set.replace(span('nope', 1, 2))).toThrow(/"nope" is not in the set/);
		expect(() => set.add(span('z', 5, 5))).toThrow(/invalid offsets 5–5/);
		expect(() => SpanSet.from([actor, actor])).toThrow(/appears twice/);
		expect(() => set.overlapping(5, 4)).toThrow(RangeError);
	});

	it('finds duplicates by offsets and label', () => {
		expect(set.findDuplicate(20, 30, 'figure')).toBe(figure);
		expect(set.findDuplicate(20, 30, 'actor')).toBeUndefined();
		expect(set.findDuplicate(20, 31, 'figure')).toBeUndefined();
	});

	it('answers position queries', () => {
		expect(ids(set.at(0))).toEqual(['a', 'c']);
		expect(ids(set.at(25))).toEqual(['f', 'c']);
		expect(ids(set.at(36))).toEqual(['x', 'c']);
		expect(ids(set.at(40))).toEqual(['x']);
		expect(ids(set.at(50))).toEqual([]);
		expect(ids(set.overlapping(8, 20))).toEqual(['c']);
		expect(ids(set.overlapping(7, 21))).toEqual(['c', 'a', 'f']);
	});

	it('steps to the next and previous span', () => {
		expect(set.next(0)?.id).toBe('f');
		expect(set.next(20)?.id).toBe('x');
		expect(set.next(35)).toBeUndefined();
		expect(set.previous(35)?.id).toBe('f');
		expect(set.previous(1)?.id).toBe('a');
		expect(set.previous(0)).toBeUndefined();
	});

	it('counts spans by label', () => {
		expect(set.countsByLabel()).toEqual({ claim: 2, actor: 1, figure: 1 });
		expect(SpanSet.empty.countsByLabel()).toEqual({});
	});

	it('keeps its label counts exact edit by edit (carried over, not recounted), relabels included', () => {
		const operation = fc.oneof(
			fc.record({ type: fc.constant('add' as const), start: fc.nat(60), length: fc.integer({ min: 1, max: 30 }), label: fc.constantFrom('actor', 'claim', 'figure') }),
			fc.record({ type: fc.constant('remove' as const), pick: fc.nat() }),
			fc.record({ type: fc.constant('relabel' as const), pick: fc.nat(), label: fc.constantFrom('actor', 'claim', 'figure') })
		);
		fc.assert(
			fc.property(fc.array(operation, { maxLength: 40 }), fc.boolean(), (operations, askEvery) => {
				let set = SpanSet.from([span('seed', 0, 3, 'claim')]);
				set.countsByLabel();
				let model: Span[] = [...set.all()];
				operations.forEach((op, n) => {
					[set, model] = applyOperation(set, model, op, n);
					if (askEvery || n === operations.length - 1) expect(set.countsByLabel()).toEqual(countLabels(model));
				});
			}),
			{ numRuns: 200 }
		);
	});

	it('agrees with a plain array after random operations', () => {
		const operation = fc.oneof(
			fc.record({
				type: fc.constant('add' as const),
				start: fc.nat(60),
				length: fc.integer({ min: 1, max: 30 }),
				label: fc.constantFrom('actor', 'claim', 'figure')
			}),
			fc.record({ type: fc.constant('remove' as const), pick: fc.nat() }),
			fc.record({ type: fc.constant('replace' as const), pick: fc.nat(), start: fc.nat(60), length: fc.integer({ min: 1, max: 30 }) })
		);
		fc.assert(
			fc.property(fc.array(operation, { maxLength: 40 }), fc.nat(95), fc.nat(95), (operations, p, q) => {
				let set = SpanSet.empty;
				let model: Span[] = [];
				const history: Array<[SpanSet, Span[]]> = [];
				operations.forEach((op, n) => {
					[set, model] = applyOperation(set, model, op, n);
					history.push([set, model]);
				});
				// Every earlier version still answers as it did (the id index is handed on, not shared).
				for (const [version, expected] of history) {
					expect(version.all()).toEqual([...expected].sort(compareSpans));
					expect(expected.map((s) => version.get(s.id))).toEqual(expected);
				}
				const sorted = [...model].sort(compareSpans);
				const [from, to] = [Math.min(p, q), Math.max(p, q)];
				expect(ids(set.at(p))).toEqual(
					ids(sorted.filter((s) => s.start <= p && p < s.end).sort((a, b) => a.end - a.start - (b.end - b.start)))
				);
				expect(ids(set.overlapping(from, to))).toEqual(ids(sorted.filter((s) => s.start < to && s.end > from)));
				expect(set.next(p)?.id).toBe(sorted.find((s) => s.start > p)?.id);
				expect(set.previous(p)?.id).toBe(sorted.filter((s) => s.start < p).at(-1)?.id);
				expect(set.countsByLabel()).toEqual(countLabels(model));
				for (const s of sorted) expect(set.findDuplicate(s.start, s.end, s.label)).toStrictEqual(sorted.find((t) => t.start === s.start && t.end === s.end && t.label === s.label));
			}),
			{ numRuns: 200 }
		);
	});

	it('adds, removes and looks up at 10,000 spans by binary search, without rebuilding the id index', () => {
		// Spans whose fields count their reads: a scan or an index rebuild reads every span (10,000
		// reads per operation); a binary search reads a few fields of ~14 of them. Timing lives in
		// npm run bench (tag_paint); this counts the work instead, so it holds on a loaded machine.
		let reads = 0;
		const counted = (s: Span): Span =>
			new Proxy(s, {
				get(target, key, receiver) {
					reads++;
					return Reflect.get(target, key, receiver);
				}
			});
		const spans = Array.from({ length: 10_000 }, (_, i) => counted(span(`s${i}`, i * 10, i * 10 + 1 + (i % 50))));
		let set = SpanSet.from(spans);
		set.has('warm-up'); // builds the id index once
		reads = 0;
		const operations = 3000;
		const found: string[][] = [];
		for (let i = 0; i < 1000; i++) {
			set = set.add(counted(span(`n${i}`, i * 97, i * 97 + 5)));
			set = set.remove(`s${i * 7}`);
			found.push(ids(set.at(i * 50)));
		}
		const work = reads;
		expect(set.size).toBe(10_000);
		const last = set.all();
		expect(found.at(-1)).toEqual(ids(last.filter((s) => s.start <= 999 * 50 && s.end > 999 * 50)));
		expect(set.get('n999')?.start).toBe(999 * 97);
		expect(set.has('s0')).toBe(false);
		// log2(10,000) ≈ 14 comparisons of up to 8 field reads, plus at()'s short scan of the spans
		// that can reach the position (longest span 50, one span every 10 offsets).
		expect(work / operations).toBeLessThan(200);
	});
});
