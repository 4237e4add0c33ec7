import { describe, expect, it } from 'vitest';
import { builtinSuggestions, type BuiltinOptions } from './index';

/** The figures suggested for `text`, as [text, why] pairs. */
function figures(text: string, options: BuiltinOptions = {}): [string, string | undefined][] {
	return builtinSuggestions(text, { ...options, labels: ['figure'] }).map((s) => [text.slice(s.start, s.end), s.why]);
}

describe('money', () => {
	it('keeps the scale word with the amount', () => {
		expect(figures('The US will send $60.84 billion in aid.')).toEqual([['$60.84 billion', 'money']]);
	});

	it('takes in a euro sign wink-nlp leaves out', () => {
		expect(figures('Eriksen took €3,400 a month.')).toEqual([['€3,400', 'money']]);
	});

	it('takes in a hryvnia sign and the scale', () => {
		expect(figures('The deficit will reach ₴1.2 trillion next year.')).toContainEqual(['₴1.2 trillion', 'money']);
	});

	it('keeps a currency code prefix', () => {
		expect(figures('It agreed to pay US$5 million to settle.')).toEqual([['US$5 million', 'money']]);
	});

	it('takes in a currency word after the amount', () => {
		expect(figures('Loans worth 5 million euros were approved.')).toEqual([['5 million euros', 'money']]);
	});

	it('takes in a nationality before the currency word', () => {
		expect(figures('The bank paid a fine of 120 million Danish crowns.')).toEqual([['120 million Danish crowns', 'money']]);
	});

	it('takes in a qualifier before the amount', () => {
		expect(figures('It allocates about $53 billion to defence.')).toEqual([['about $53 billion', 'money']]);
	});

	it('leaves the rate after a price out', () => {
		expect(figures('Brent fell to $77.10 a barrel.')).toEqual([['$77.10', 'money']]);
	});
});

describe('percentages', () => {
	it('reads a percent sign after a space', () => {
		expect(figures('Gas prices rose 12 % on Monday.')).toContainEqual(['12 %', 'percent']);
	});

	it('keeps "nearly" with the percentage', () => {
		expect(figures('They pledged nearly 50% more aid.')).toEqual([['nearly 50%', 'percent']]);
	});

	it('reads "per cent" and "percent"', () => {
		expect(figures('Prices could climb 4.5 per cent, or 4.5 percent.')).toEqual([
			['4.5 per cent', 'percent'],
			['4.5 percent', 'percent']
		]);
	});

	it('takes in "up to" and "more than"', () => {
		expect(figures('Tariffs of up to 35.3% hit more than 30% of sales.')).toEqual([
			['up to 35.3%', 'percent'],
			['more than 30%', 'percent']
		]);
	});
});

describe('counts', () => {
	it('keeps "as high as" with the number', () => {
		expect(figures('Losses were as high as 60 armoured vehicles.')).toEqual([['as high as 60', 'count']]);
	});

	it('keeps "more than" and "at least"', () => {
		expect(figures('It opened more than 200 inquiries into at least 10,500 deaths.')).toEqual([
			['more than 200', 'count'],
			['at least 10,500', 'count']
		]);
	});

	it('gives "dozens" alone by default', () => {
		expect(figures('He said dozens of military advisers would stay.')).toEqual([['dozens', 'count']]);
	});

	it('gives the counted noun with countNoun', () => {
		expect(figures('He said dozens of military advisers would stay.', { countNoun: true })).toEqual([['dozens of military advisers', 'count']]);
		expect(figures('Forces launched 47 attack drones overnight.', { countNoun: true })).toEqual([['47 attack drones', 'count']]);
	});

	it('leaves "one of" and numbers in names out', () => {
		expect(figures('The case is one of several involving F-16 jets.')).toEqual([]);
	});

	it('keeps a unit of measure', () => {
		expect(figures('Output cuts of 2.2 million barrels per day stay.')).toEqual([['2.2 million barrels', 'measure']]);
	});
});

describe('dates and durations', () => {
	it('reads a month and day', () => {
		expect(figures('The vote is on October 21.')).toEqual([['October 21', 'date']]);
	});

	it('reads an abbreviated month', () => {
		expect(figures('It expects to announce it on Feb. 26.')).toEqual([['Feb. 26', 'date']]);
	});

	it('keeps "late" with the month', () => {
		expect(figures('Funds run out by late February.')).toEqual([['late February', 'date']]);
	});

	it('reads a month and year', () => {
		expect(figures('Aid since February 2022 has grown.')).toEqual([['February 2022', 'date']]);
	});

	it('reads a year range', () => {
		expect(figures('During the 2008-2011 financial crisis banks failed.')).toEqual([['2008-2011', 'date']]);
	});

	it('gives a weekday without "on"', () => {
		expect(figures('Ryder told reporters on Tuesday that aid would come.')).toEqual([['Tuesday', 'date']]);
	});

	it('leaves "since" and "by" out', () => {
		expect(figures('Not seen since 2021, it will end by 2026.')).toEqual([
			['2021', 'date'],
			['2026', 'date']
		]);
	});

	it('reads an ordinal quarter', () => {
		expect(figures('Sales fell in the third quarter.')).toEqual([['third quarter', 'date']]);
	});

	it('reads a duration', () => {
		expect(figures('He was sentenced to six years in prison.')).toEqual([['six years', 'duration']]);
	});

	it('gives no duration without a number', () => {
		expect(figures('More rain is forecast for the coming days.')).toEqual([]);
	});

	it('reads a duration after "since" as a date', () => {
		expect(figures('Its highest level since October 21.')).toEqual([['October 21', 'date']]);
	});

	it('finds no date in a lone period word or in "fall short"', () => {
		expect(figures('Output of a barrel a day may fall short.')).toEqual([]);
	});
});
