/**
 * The shape every interchange format has: a `{parse, serialize}` pair over Spanwise's own model
 * (`ArticleRecord`, UTF-16 offsets inside), usable from the app and the `spanwise` command line alike.
 * A codec never throws on user data: bad records come back as `RecordError`s naming file and line.
 */
import type { ArticleRecord, RecordError, RelationType } from '../types';

/** The formats Spanwise reads and writes. */
export type FormatName = 'spanwise' | 'prodigy' | 'doccano' | 'labelstudio' | 'brat' | 'w3c';

/** The unit a file's offsets are counted in. Python and most tools: code points; JavaScript: UTF-16. */
export type OffsetUnit = 'codepoint' | 'utf16';

/** One input file: its name (for messages and multi-file formats such as brat) and decoded text. */
export interface SourceFile {
	readonly name: string;
	readonly content: string;
}

/** One piece of output, in order: `file` is the (relative) name it belongs to; pieces concatenate. */
export interface OutputChunk {
	readonly file: string;
	readonly data: string;
}

export interface CodecParseOptions {
	/** Timestamp (ms) for records and spans without one. */
	readonly now: number;
	/** Annotator of spans the file does not attribute. */
	readonly annotator: string;
	/** `Article.source` when the record does not say (usually the file name). */
	readonly source: string;
	/** Offset unit of the file; each codec has its own default (`Codec.defaultOffsets`). */
	readonly offsets?: OffsetUnit;
}

export interface CodecSerializeOptions {
	/** Offset unit to write; each codec has its own default (`Codec.defaultOffsets`). */
	readonly offsets?: OffsetUnit;
	/** Base name for single-file output ("export" → "export.jsonl"). */
	readonly baseName?: string;
	/** Counters the codec adds to while it writes (what it had to adapt), for the summary shown to the user. */
	readonly report?: SerializeReport;
	/**
	 * The workspace's relation types, when the caller has them: whether a type is symmetric (Label
	 * Studio's `direction`, brat's `<REL-TYPE>`; a loss where the format has no symmetric links) and its
	 * allowed labels (brat's `annotation.conf`). Without them every relation is written as directed.
	 */
	readonly relationTypes?: readonly Pick<RelationType, 'name' | 'directed' | 'headLabels' | 'tailLabels'>[];
}

/**
 * What a serialization had to adapt to fit the format, counted as it goes (a mutable accumulator:
 * serializing streams, so the totals are known only at the end).
 */
export interface SerializeReport {
	/** Tokens cut in two or more because a span edge fell inside them (Prodigy's `tokens`). */
	splitTokens: number;
	/** What the format could not hold, by kind (see `LOSS_KINDS` in serialize-report.ts): never dropped silently. */
	lost?: Partial<Record<LossKind, number>>;
}

/**
 * Kinds of things a format cannot hold, counted per thing left out or adapted:
 * - `relation-note`: a relation's note (the format has no place for it);
 * - `relation-direction`: a symmetric relation written as directed head → tail;
 * - `relation-dangling`: a relation left out because an end is not among the article's spans;
 * - `relation-cross-layer`: a relation left out because its ends belong to different annotators and
 *   the format writes one annotator's spans per task;
 * - `relation-merged`: a relation written once for several (the format has no annotators, so equal
 *   relations of different annotators, or over spans written once, coincide).
 */
export type LossKind = 'relation-note' | 'relation-direction' | 'relation-dangling' | 'relation-cross-layer' | 'relation-merged';

/** A file error: `file` when the format reads several files; `line` is 1-based (record number where there are no lines). */
export interface CodecError extends RecordError {
	readonly file?: string;
}

export interface CodecParseResult {
	readonly records: ArticleRecord[];
	readonly errors: CodecError[];
	/**
	 * What the files say about relation types, where the format says anything (Label Studio's
	 * `direction: "bi"`, brat's `annotation.conf`): hints for setting up types, by name.
	 */
	readonly relationTypes?: readonly RelationTypeHint[];
}

/** What a file says about one relation type. */
export interface RelationTypeHint {
	readonly name: string;
	/** False when the file marks the type symmetric. */
	readonly directed: boolean;
	/** Head / tail labels the file allows (empty: any, or not said). */
	readonly headLabels: readonly string[];
	readonly tailLabels: readonly string[];
}

export interface Codec {
	readonly name: FormatName;
	/** For people: "Prodigy JSONL". */
	readonly title: string;
	/** Extension of a single-file export, without the dot. */
	readonly extension: string;
	/** True when one corpus is several files (brat: a .txt and an .ann per article). */
	readonly multiFile: boolean;
	/**
	 * True when `serialize(records)` is `serialize([r])` of each record in turn (one line per record): an
	 * export can then serialize each article as it is read.
	 */
	readonly perRecord?: boolean;
	readonly defaultOffsets: OffsetUnit;
	/** What a round trip spanwise → this format → spanwise cannot keep (documentation, shown in --help). */
	readonly loses: string;
	/** Whether `file` (by name and first characters) looks like this format; used to detect formats. */
	sniff(file: SourceFile): boolean;
	parse(files: readonly SourceFile[], opts: CodecParseOptions): CodecParseResult;
	/** Streams the output: one chunk per record or less, so a corpus is never one giant string. */
	serialize(records: Iterable<ArticleRecord>, opts?: CodecSerializeOptions): Iterable<OutputChunk>;
}
