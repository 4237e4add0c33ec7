/** Every format Spanwise reads and writes, by name; and telling which one a file is in. */
import type { Codec, FormatName, SourceFile } from './codec';
import { spanwiseCodec } from './spanwise';
import { prodigyCodec } from './prodigy';
import { doccanoCodec } from './doccano';
import { labelstudioCodec } from './labelstudio';
import { bratCodec } from './brat';
import { w3cCodec } from './w3c';

/** The codecs, in the order they are offered (the canonical one first). */
export const CODECS: readonly Codec[] = [spanwiseCodec, prodigyCodec, doccanoCodec, labelstudioCodec, bratCodec, w3cCodec];

export const FORMAT_NAMES: readonly FormatName[] = CODECS.map((codec) => codec.name);

/** The codec called `name`, or undefined. */
export function codecNamed(name: string): Codec | undefined {
	return CODECS.find((codec) => codec.name === name);
}

/** The first codec (most specific first) that recognises `file`, or undefined. */
export function detectCodec(file: SourceFile): Codec | undefined {
	const specific = CODECS.filter((codec) => codec !== spanwiseCodec);
	return [...specific, spanwiseCodec].find((codec) => codec.sniff(file));
}
