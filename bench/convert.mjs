// Conversion-core micro-benchmark: µs per request conversion and per stream chunk.
//
// Runs on plain Node 24 against the compiled shared package (no build step of its own):
//   npx tsc -b shared && node bench/convert.mjs            (add --quick for a short run)
//
// Method: warm up, then several timed runs of many iterations; each figure is the median of the
// runs' per-iteration means. Targets on the 2-core CI machine: < 25 µs per request conversion and
// < 3 µs per stream chunk (decoder + converter + encoder).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import {
  anthropicRequest,
  buildAnthropicStream,
  buildOpenAIStream,
  openAIRequest,
} from './convert-inputs.mjs';

const require = createRequire(import.meta.url);
const shared = require('../shared/dist/index.js');

const isQuick = process.argv.includes('--quick');
const runs = isQuick ? 3 : 7;
const context = { now: () => 1_767_225_600_000, generateId: (prefix) => `${prefix}bench` };

/** Median over `runs` of the mean µs per call of `body` (called `iterations` times per run). */
function measure(body, iterations) {
  for (let warm = 0; warm < Math.max(200, iterations / 5); warm++) body();
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    for (let index = 0; index < iterations; index++) body();
    samples.push(((performance.now() - start) * 1000) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const encoder = new TextEncoder();

/** One network read per upstream event, as an upstream flushing each event produces. */
function toReads(events) {
  return events.map((event) => encoder.encode(event));
}

function decodeFrames(reads) {
  const decoder = shared.createSseDecoder({ includeComments: true });
  return [...reads.flatMap((read) => decoder.push(read)), ...decoder.finish()];
}

/** decoder + converter + encoder over one whole stream; returns the bytes written. */
function runPipeline(reads, createConverter) {
  const decoder = shared.createSseDecoder({ includeComments: true });
  const converter = createConverter();
  let written = 0;
  for (const read of reads) {
    for (const frame of decoder.push(read))
      written += shared.formatSseFrames(converter.push(frame)).length;
  }
  for (const frame of decoder.finish())
    written += shared.formatSseFrames(converter.push(frame)).length;
  return written + shared.formatSseFrames(converter.finish()).length;
}

function runConverter(frames, createConverter) {
  const converter = createConverter();
  let count = 0;
  for (const frame of frames) count += converter.push(frame).length;
  return count + converter.finish().length;
}

// ------------------------------------------------------------------ run

const results = [];
function report(name, microseconds, target) {
  results.push({ name, microseconds, target });
  const verdict =
    target === undefined
      ? ''
      : microseconds < target
        ? `  (target < ${target} µs: ok)`
        : `  (target < ${target} µs: MISSED)`;
  console.log(`${name.padEnd(64)} ${microseconds.toFixed(2).padStart(8)} µs${verdict}`);
}

const requestIterations = isQuick ? 2_000 : 20_000;
const parsedOpenAI = shared.parseChatRequest(openAIRequest);
const parsedAnthropic = shared.parseMessagesRequest(anthropicRequest);
report(
  'request OA→AN: convert (10 messages, 3 tools)',
  measure(
    () => shared.convertChatRequestToMessagesRequest(parsedOpenAI, context),
    requestIterations,
  ),
  25,
);
report(
  'request OA→AN: parse + convert',
  measure(
    () =>
      shared.convertChatRequestToMessagesRequest(shared.parseChatRequest(openAIRequest), context),
    requestIterations,
  ),
  25,
);
report(
  'request AN→OA: convert (11 messages, 3 tools)',
  measure(
    () => shared.convertMessagesRequestToChatRequest(parsedAnthropic, context),
    requestIterations,
  ),
  25,
);
report(
  'request AN→OA: parse + convert',
  measure(
    () =>
      shared.convertMessagesRequestToChatRequest(
        shared.parseMessagesRequest(anthropicRequest),
        context,
      ),
    requestIterations,
  ),
  25,
);

const streamIterations = isQuick ? 100 : 1_000;
const anthropicReads = toReads(buildAnthropicStream());
const openAIReads = toReads(buildOpenAIStream());
const anthropicFrames = decodeFrames(anthropicReads);
const openAIFrames = decodeFrames(openAIReads);
const toOpenAI = () =>
  shared.createAnthropicToOpenAIStreamConverter(
    { clientModel: 'gpt-4o', includeUsage: true },
    context,
  );
const toAnthropic = () =>
  shared.createOpenAIToAnthropicStreamConverter(
    { clientModel: 'claude-sonnet-4-5', estimatedInputTokens: 800 },
    context,
  );
const perChunk = (frames, body) => measure(body, streamIterations) / frames.length;

// A machine-speed reference: the per-chunk figures scale with it when the machine is busy.
const referenceChunk = new TextDecoder().decode(openAIReads[1]).slice('data: '.length, -2);
report(
  `reference: JSON.parse of one ${referenceChunk.length}-byte OpenAI chunk`,
  measure(() => JSON.parse(referenceChunk), streamIterations * 200),
);

report(
  `stream AN→OA: decoder + converter + encoder, per chunk (${anthropicFrames.length} chunks)`,
  perChunk(anthropicFrames, () => runPipeline(anthropicReads, toOpenAI)),
  3,
);
report(
  'stream AN→OA: converter alone, per chunk',
  perChunk(anthropicFrames, () => runConverter(anthropicFrames, toOpenAI)),
);
report(
  `stream OA→AN: decoder + converter + encoder, per chunk (${openAIFrames.length} chunks)`,
  perChunk(openAIFrames, () => runPipeline(openAIReads, toAnthropic)),
  3,
);
report(
  'stream OA→AN: converter alone, per chunk',
  perChunk(openAIFrames, () => runConverter(openAIFrames, toAnthropic)),
);
report(
  'stream AN→AN passthrough: decoder + tracker + encoder, per chunk',
  perChunk(anthropicFrames, () =>
    runPipeline(anthropicReads, () => shared.createPassthroughStreamTracker('anthropic')),
  ),
  3,
);
report(
  'stream OA→OA passthrough: decoder + tracker + encoder, per chunk',
  perChunk(openAIFrames, () =>
    runPipeline(openAIReads, () => shared.createPassthroughStreamTracker('openai')),
  ),
  3,
);
report(
  'SSE decoder alone (AN stream), per chunk',
  perChunk(anthropicFrames, () => decodeFrames(anthropicReads)),
);

const missed = results.filter(
  (result) => result.target !== undefined && result.microseconds >= result.target,
);
console.log(missed.length === 0 ? '\nAll targets met.' : `\n${missed.length} target(s) missed.`);
process.exitCode = missed.length === 0 ? 0 : 1;
