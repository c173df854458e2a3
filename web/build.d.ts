// broadsheet/build — rendering on worker threads, and folder builds (Node only; web/build.js).
import type { Article, Diagnostic, RenderOptions, WidgetInput } from './index.js';

/** Where the worker threads load the core from: a file path, a file: URL or the module's bytes. */
export type WasmSource = string | URL | ArrayBuffer | ArrayBufferView;

export interface PoolOptions {
  /**
   * Worker threads, each with its own WebAssembly instance: 1 to MAX_JOBS. Default: the number of
   * cores. buildDirectory() starts no more than there are articles to render.
   */
  jobs?: number;
  /** Default: dist/broadsheet.wasm of this package. */
  wasm?: WasmSource;
}

export interface RenderPool {
  /** The number of worker threads. */
  readonly size: number;
  /**
   * The article as an HTML fragment, the same as renderToString, rendered on a worker thread.
   * Rejects with a BroadsheetError. The options cross to a thread: data only, no functions.
   */
  render(article: Article | WidgetInput | string, options?: RenderOptions): Promise<string>;
  /**
   * Renders article JSON, as bytes or a file path read on the worker thread, and writes the fragment
   * (or, with page, a complete document) to `out` atomically. Resolves to the SHA-256 (hex) of the
   * input bytes.
   */
  renderFile(
    input: Uint8Array | string,
    out: string,
    settings?: { options?: RenderOptions; page?: boolean },
  ): Promise<string>;
  /** Waits for the queued renders, then stops the threads. */
  close(): Promise<void>;
}

/** A pool of worker threads; idle threads do not keep the process alive. */
export declare function createPool(options?: PoolOptions): RenderPool;

/** The number of cores (os.availableParallelism()): the default number of jobs. */
export declare function defaultJobs(): number;

/** The most worker threads a pool takes (`jobs`); more only cost memory. */
export declare const MAX_JOBS: 256;
/** The name of the build record kept in the output folder. */
export declare const MANIFEST: '.broadsheet-build.json';

export interface BuildProgress {
  /** rendered + skipped + failed */
  done: number;
  total: number;
  rendered: number;
  skipped: number;
  failed: number;
  /** Milliseconds since the build started. */
  elapsed: number;
}

/** An article that could not be rendered or written: file is relative to the input folder. */
export interface BuildError extends Diagnostic {
  file: string;
}

export interface BuildOptions extends PoolOptions {
  /** The folder read recursively for *.json articles. */
  input: string;
  /** The folder written: input/x/y.json becomes output/x/y.html. */
  output: string;
  /** Complete HTML documents, as `broadsheet render --page`. */
  page?: boolean;
  /** Render every article, even those unchanged since the last build. */
  force?: boolean;
  /** Render options for every article (data only). */
  options?: RenderOptions;
  onProgress?: (progress: BuildProgress) => void;
}

export interface BuildSummary {
  total: number;
  rendered: number;
  skipped: number;
  failed: number;
  /** Sorted by file. */
  errors: BuildError[];
  /** Milliseconds. */
  elapsed: number;
}

/**
 * Renders every article under `input` into `output`, skipping the unchanged ones; never stops at
 * a bad article. Rejects (invalid_argument) when `input` is not a folder.
 */
export declare function buildDirectory(options: BuildOptions): Promise<BuildSummary>;
