import type { ArticleRecord, Span } from '$lib/core/types';

/** The source of every seeded sample article (how untouched samples are recognised). */
export const SAMPLE_SOURCE = 'Spanwise sample corpus';

/**
 * The sample corpus a new workspace starts with: short news-style articles written for Spanwise
 * (fictional places and people), each with a few example spans so the first screen shows what the
 * tool does. Spans are given as quotes and located in the text when seeded, so editing a sample's
 * wording cannot leave a span pointing at the wrong words.
 */
interface Sample {
	readonly id: string;
	readonly title: string;
	readonly text: string;
	readonly spans: readonly (readonly [quote: string, label: string])[];
}

const SAMPLES: readonly Sample[] = [
	{
		id: 'a-sample-harbour-barrier',
		title: 'Harbour council approves $12.5 million flood barrier',
		text: [
			'Harbour council approves $12.5 million flood barrier',
			'',
			'The Port Allerby council voted 9 to 2 on Tuesday to build a $12.5 million tidal barrier across the old harbour mouth, ending a debate that began after the floods of November 2023.',
			'',
			'Council leader Maren Osei said the barrier would protect about 1,400 homes and "pay for itself within fifteen years" through lower insurance and repair costs.',
			'',
			'Opponents, led by the Allerby Fishers\' Association, argued that the structure would narrow the channel and cost the local fleet as much as 20 % of its catch. The association said it would ask for an independent review.',
			'',
			'Construction is due to start in spring 2025 and take about three years.'
		].join('\n'),
		spans: [
			['The Port Allerby council', 'actor'],
			['9 to 2', 'figure'],
			['$12.5 million', 'figure'],
			['November 2023', 'figure'],
			['Council leader Maren Osei', 'actor'],
			[
				'Council leader Maren Osei said the barrier would protect about 1,400 homes and "pay for itself within fifteen years" through lower insurance and repair costs',
				'claim'
			],
			['about 1,400 homes', 'figure'],
			['the Allerby Fishers\' Association', 'actor'],
			['as much as 20 %', 'figure']
		]
	},
	{
		id: 'a-sample-rail-strike',
		title: 'Regional rail strike called off after overnight talks',
		text: [
			'Regional rail strike called off after overnight talks',
			'',
			'A 48-hour strike that would have halted trains across the Velden region was called off early on Friday after the drivers\' union and the operator, Velden Rail, reached a provisional deal.',
			'',
			'Union secretary Tomasz Wieczorek told reporters the offer of a 6.2 % pay rise over two years was "the least our members deserve", adding that the vote on the deal would close on 14 March.',
			'',
			'Velden Rail said services would run normally over the weekend. About 310,000 passengers use the network on a typical weekday.'
		].join('\n'),
		spans: [
			['A 48-hour strike', 'figure'],
			['the drivers\' union', 'actor'],
			['Velden Rail', 'actor'],
			['Union secretary Tomasz Wieczorek', 'actor'],
			['6.2 % pay rise over two years', 'figure'],
			['14 March', 'figure']
		]
	},
	{
		id: 'a-sample-bike-lanes',
		title: 'Study: protected bike lanes cut commute times in Lisvale 🚲',
		text: [
			'Study: protected bike lanes cut commute times in Lisvale 🚲',
			'',
			'Cyclists in Lisvale now reach the city centre 11 minutes faster on average than in 2021, according to a study published on Monday by the Institute for Urban Mobility.',
			'',
			'"The numbers surprised even us," said the study\'s author, Dr. Zoë Müller-Santos. She said the 37 km of protected lanes built since 2021 had also made the streets "noticeably calmer" for pedestrians 👩‍👩‍👧.',
			'',
			'The mayor\'s office said a further €8 million would be spent on lanes next year. Shopkeepers on Rua Nova remain divided: some report more customers, others say deliveries have become harder.'
		].join('\n'),
		spans: [
			['11 minutes', 'figure'],
			['the Institute for Urban Mobility', 'actor'],
			['Dr. Zoë Müller-Santos', 'actor'],
			['37 km', 'figure'],
			['€8 million', 'figure']
		]
	},
	{
		id: 'a-sample-grain-exports',
		title: 'Grain shipments from Northport rise for a third month',
		text: [
			'Grain shipments from Northport rise for a third month',
			'',
			'Grain shipments from Northport rose 18 % in March to 2.4 million tonnes, the port authority said on Wednesday, the third monthly rise in a row.',
			'',
			'Trade minister Olena Kovalenko said the figures showed that exporters had "adapted faster than anyone expected" to the new inspection rules introduced in January.',
			'',
			'Analysts at Meridian Commodities cautioned that prices, not volumes, would decide farmers\' incomes this year.'
		].join('\n'),
		spans: []
	}
];

/** Finds `quote` in `text` (first occurrence): the sample's spans are written as quotes. */
function locate(text: string, quote: string): { start: number; end: number } {
	const start = text.indexOf(quote);
	if (start < 0) throw new RangeError(`sample quote not found: ${JSON.stringify(quote)}`);
	return { start, end: start + quote.length };
}

/** The sample articles with their example spans, stamped with `now` and the given annotator. */
export function sampleCorpus(now: number, annotator: string): ArticleRecord[] {
	return SAMPLES.map((sample, i) => {
		const spans: Span[] = sample.spans.map(([quote, label], j) => ({
			id: `s-sample-${i + 1}-${j + 1}`,
			articleId: sample.id,
			...locate(sample.text, quote),
			label,
			annotator,
			createdAt: now,
			updatedAt: now
		}));
		return {
			article: {
				id: sample.id,
				title: sample.title,
				text: sample.text,
				source: SAMPLE_SOURCE,
				meta: { sample: true },
				status: spans.length > 0 ? 'in_progress' : 'new',
				createdAt: now - (SAMPLES.length - i) * 60_000,
				updatedAt: now - (SAMPLES.length - i) * 60_000
			},
			spans
		};
	});
}
