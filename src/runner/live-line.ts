// The one redrawn line at the bottom of a terminal stream (the local runner's progress line), and
// the event lines that must print above it. Writers that share the stream go through here so an
// event never lands glued onto the live line: erase it, write the event, redraw it. One coordinator
// per stream for the whole process (the runner and the orchestrator share process.stderr).
// Runs in: Node (main thread).

/** Anything that takes text, e.g. process.stderr or a test double. */
export interface TextSink {
  write(text: string): unknown;
}

interface LiveLine {
  /** Show `text` as the live line, replacing the one shown (no newline: it is redrawn in place). */
  draw(text: string): void;
  /** Erase the live line and forget it (end of run). */
  clear(): void;
  /** Write whole lines above the live line, which is redrawn after them; a final newline is added if missing. */
  writeAbove(text: string): void;
}

/** Carriage return and "erase entire line": the cursor is back at column 0 of an empty line. */
const ERASE_LINE = '\r\x1b[2K';

const coordinators = new WeakMap<TextSink, LiveLine>();

/** The live line of `stream`, created on first use and shared by every caller in the process. */
export function liveLineOf(stream: TextSink): LiveLine {
  let line = coordinators.get(stream);
  if (!line) {
    line = createLiveLine(stream);
    coordinators.set(stream, line);
  }
  return line;
}

function createLiveLine(stream: TextSink): LiveLine {
  /** The text on screen, undefined when nothing is drawn. */
  let shown: string | undefined;
  return {
    draw(text) {
      stream.write(`${ERASE_LINE}${text}`);
      shown = text;
    },
    clear() {
      if (shown !== undefined) stream.write(ERASE_LINE);
      shown = undefined;
    },
    writeAbove(text) {
      const lines = text.endsWith('\n') ? text : `${text}\n`;
      // One write, so no other writer can slip between the erase and the redraw.
      stream.write(shown === undefined ? lines : `${ERASE_LINE}${lines}${shown}`);
    },
  };
}
