import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spanBuilder } from '../testing/spans';
import type { Relation, Span } from '../types';
import { buildRelationCandidates, relationKeyOf, type RelationCandidateInput } from './relation-candidates';
import { goldRelationFor, goldRelationsOf, relationAcceptPlan, relationReviewProgress, relationsLosingEnds } from './relation-settle';

const span = spanBuilder();
let n = 0;
const link = (label: string, head: Span, tail: Span, annotator = head.annotator): Relation => ({
	id: `r${n++}`, articleId: 'a', label, head: head.id, tail: tail.id, annotator, createdAt: 0, updatedAt: 0
});

// maria and jon both tag the claim 10–40 and its actor 0–5; jon's actor is 0–6 in a second claim.
const m = { claim: span('maria', 10, 40, 'claim'), actor: span('maria', 0, 5, 'actor'), other: span('maria', 50, 55, 'actor'), claim2: span('maria', 60, 80, 'claim'), actor2: span('maria', 82, 90, 'actor') };
const j = { claim: span('jon', 10, 40, 'claim'), actor: span('jon', 0, 5, 'actor'), other: span('jon', 50, 55, 'actor'), claim2: span('jon', 60, 79, 'claim'), actor2: span('jon', 82, 91, 'actor') };
const spans = [...Object.values(m), ...Object.values(j), span('eve', 0, 5, 'actor')];
const relations = [
	// unanimous: both link claim → actor exactly
	link('source', m.claim, m.actor),
	link('source', j.claim, j.actor),
	// by overlap only: maria 60–80 → 82–90, jon 60–79 → 82–91
	link('source', m.claim2, m.actor2),
	link('source', j.claim2, j.actor2),
	// symmetric same_as, drawn in opposite directions: one candidate
	link('same_as', m.actor, m.other),
	link('same_as', j.other, j.actor),
	// jon's second source for the first claim: one per head → conflict with the unanimous one
	link('source', j.claim, j.other),
	// maria: the same two ends typed "about" → conflict with the unanimous source
	link('about', m.claim, m.actor)
];
const rules = { symmetric: new Set(['same_as']), onePerHead: new Set(['source']) };
const input = (extra: Partial<RelationCandidateInput> = {}): RelationCandidateInput => ({
	spans, relations, annotators: ['jon', 'maria'], goldSpans: [], goldRelations: [], rejected: new Set(), rules, ...extra
});

describe('buildRelationCandidates', () => {
	it('groups relations by type and exact ends, with who made them, who matches by overlap, and the status', () => {
		const got = buildRelationCandidates(input());
		expect(got.map((c) => [c.key, c.annotators.join('+'), c.overlapAnnotators.join('+'), c.status])).toEqual([
			['0:5:actor>same_as>50:55:actor', 'jon+maria', 'jon+maria', 'unanimous'],
			['10:40:claim>about>0:5:actor', 'maria', 'maria', 'conflict'],
			['10:40:claim>source>0:5:actor', 'jon+maria', 'jon+maria', 'conflict'],
			['10:40:claim>source>50:55:actor', 'jon', 'jon', 'conflict'],
			['60:80:claim>source>82:90:actor', 'maria', 'jon+maria', 'partial'],
			['60:79:claim>source>82:91:actor', 'jon', 'jon+maria', 'partial']
		]);
		const byKey = new Map(got.map((c) => [c.key, c]));
		expect(byKey.get('10:40:claim>source>0:5:actor')?.conflictsWith).toEqual(['10:40:claim>about>0:5:actor', '10:40:claim>source>50:55:actor']);
		expect(byKey.get('60:80:claim>source>82:90:actor')?.similarTo).toEqual(['60:79:claim>source>82:91:actor']);
		expect(byKey.get('10:40:claim>source>0:5:actor')?.relationIds).toEqual([relations[0].id, relations[1].id]);
		expect(byKey.get('0:5:actor>same_as>50:55:actor')?.relationIds).toEqual([relations[4].id, relations[5].id]);
	});

	it('ignores relations of annotators outside the review and relations with a missing end', () => {
		const stray = { ...link('source', m.claim, m.actor), head: 'gone' };
		const got = buildRelationCandidates(input({ relations: [...relations, link('source', m.claim2, spans[spans.length - 1], 'eve'), stray] }));
		expect(got).toHaveLength(6);
	});

	it('a directed type drawn both ways is a conflict; without the one-per-head rule a second tail is not', () => {
		const back = [link('source', m.claim, m.actor), link('source', j.actor, j.claim), link('source', j.claim, j.other)];
		const got = buildRelationCandidates(input({ relations: back, rules: {} }));
		expect(got.map((c) => [c.key, c.status])).toEqual([
			['0:5:actor>source>10:40:claim', 'conflict'],
			['10:40:claim>source>0:5:actor', 'conflict'],
			['10:40:claim>source>50:55:actor', 'partial']
		]);
	});

	it('is settled by gold relations between gold spans equal to its ends, or by a rejection', () => {
		const gold = [span('gold', 10, 40, 'claim'), span('gold', 0, 5, 'actor'), span('gold', 50, 55, 'actor')];
		const goldRelations = [link('same_as', gold[2], gold[1], 'gold')];
		const got = buildRelationCandidates(input({ goldSpans: gold, goldRelations, rejected: new Set(['10:40:claim>about>0:5:actor']) }));
		const byKey = new Map(got.map((c) => [c.key, c]));
		expect(byKey.get('0:5:actor>same_as>50:55:actor')?.settled).toBe('accepted');
		expect(byKey.get('10:40:claim>about>0:5:actor')?.settled).toBe('rejected');
		expect(byKey.get('10:40:claim>source>0:5:actor')).toMatchObject({ settled: null, headInGold: true, tailInGold: true });
		expect(byKey.get('60:80:claim>source>82:90:actor')).toMatchObject({ headInGold: false, tailInGold: false });
		expect(relationReviewProgress(got)).toEqual({ candidates: 6, settled: 2, conflicts: 3, conflictsSettled: 1 });
	});
});

describe('settling relations into gold', () => {
	const gold = [span('gold', 10, 40, 'claim'), span('gold', 0, 5, 'actor')];
	const candidates = buildRelationCandidates(input({ goldSpans: gold }));

	it('plans accepting: the ends gold lacks come along, contradicting candidates are rejected', () => {
		expect(relationAcceptPlan(candidates, '10:40:claim>source>0:5:actor')).toEqual({
			addEnds: [],
			others: candidates.filter((c) => ['10:40:claim>about>0:5:actor', '10:40:claim>source>50:55:actor'].includes(c.key)),
			leaveGold: []
		});
		expect(relationAcceptPlan(candidates, '60:80:claim>source>82:90:actor')?.addEnds).toEqual([
			{ start: 60, end: 80, label: 'claim' },
			{ start: 82, end: 90, label: 'actor' }
		]);
		expect(relationAcceptPlan(candidates, 'nope')).toBeNull();
	});

	it('makes the gold relation between the gold spans, or says which end gold lacks', () => {
		const c = candidates.find((x) => x.key === '10:40:claim>source>0:5:actor')!;
		expect(goldRelationFor(c, gold, { id: 'r-gold', articleId: 'a', now: 7 })).toEqual({
			ok: { id: 'r-gold', articleId: 'a', label: 'source', head: gold[0].id, tail: gold[1].id, annotator: 'gold', createdAt: 7, updatedAt: 7 }
		});
		const far = candidates.find((x) => x.key === '60:80:claim>source>82:90:actor')!;
		expect(goldRelationFor(far, gold, { id: 'r', articleId: 'a', now: 0 })).toEqual({ error: 'the source relation needs its head (claim 60–80) in gold first' });
	});

	it('finds the gold relations of candidates leaving gold, and those that lose an end', () => {
		const goldRelations = [link('source', gold[0], gold[1], 'gold'), link('about', gold[0], gold[1], 'gold')];
		expect(goldRelationsOf(['10:40:claim>source>0:5:actor'], gold, goldRelations, rules)).toEqual([goldRelations[0]]);
		expect(relationKeyOf('same_as', { start: 50, end: 55, label: 'actor' }, { start: 0, end: 5, label: 'actor' }, rules)).toBe('0:5:actor>same_as>50:55:actor');
		expect(relationsLosingEnds(goldRelations, [gold[1]])).toEqual(goldRelations);
		expect(relationsLosingEnds(goldRelations, [])).toEqual([]);
	});
});

describe('relation candidates against comparing every pair', () => {
	it('finds the same conflicts and overlap matches as the definitions applied to every pair', () => {
		const labels = ['source', 'about', 'same_as'] as const;
		const endArb = fc.tuple(fc.nat(30), fc.integer({ min: 1, max: 15 }), fc.constantFrom('claim', 'actor')).map(([start, length, label]) => [start, start + length, label] as const);
		const relArb = fc.tuple(fc.constantFrom('maria', 'jon'), fc.constantFrom(...labels), endArb, endArb);
		fc.assert(
			fc.property(fc.array(relArb, { maxLength: 12 }), (given) => {
				const make = spanBuilder();
				const spans: Span[] = [];
				const rels: Relation[] = [];
				for (const [who, label, h, t] of given) {
					const head = make(who, ...h);
					const tail = make(who, ...t);
					spans.push(head, tail);
					rels.push(link(label, head, tail, who));
				}
				const got = buildRelationCandidates(input({ spans, relations: rels }));
				const sym = (l: string) => rules.symmetric.has(l);
				const k = (e: { start: number; end: number; label: string }) => `${e.start}:${e.end}:${e.label}`;
				const overlaps = (a: { start: number; end: number; label: string }, b: typeof a) => a.label === b.label && a.start < b.end && b.start < a.end;
				for (const a of got) {
					const conflicts: string[] = [];
					const similar: string[] = [];
					for (const b of got) {
						if (b === a) continue;
						const same = k(a.head) === k(b.head) && k(a.tail) === k(b.tail);
						const reversed = k(a.head) === k(b.tail) && k(a.tail) === k(b.head);
						const sameHead = k(a.head) === k(b.head);
						const contradicts =
							a.label !== b.label
								? same || (reversed && (sym(a.label) || sym(b.label)))
								: (reversed && !sym(a.label)) || (sameHead && k(a.tail) !== k(b.tail) && rules.onePerHead.has(a.label));
						if (contradicts) conflicts.push(b.key);
						if (a.label === b.label && overlaps(a.head, b.head) && overlaps(a.tail, b.tail)) similar.push(b.key);
					}
					expect(a.conflictsWith).toEqual(conflicts);
					expect(a.similarTo).toEqual(similar);
				}
			}),
			{ numRuns: 150 }
		);
	});
});
