// V8's inlining budget for the engine's passes, set once per process before the engine's code is
// compiled (docs/engine.md, "Stop 32: speed round eight"). Most of a 20 MB pass's excess over its
// steady state is warm-up, and most of that is TurboFan compiling the engine's large functions
// (segmentAttempts, readAttempts, analyze, findConclusions, equalsAt...) with their callees
// inlined, again after each deoptimization on a rule's rare branch. A smaller cumulative budget
// per compiled function (V8's default 920 bytes of bytecode) makes each compilation cheaper and a
// deoptimization of an inlined callee throw less away; the steady state measured no slower. A
// compiler heuristic: no reading changes. A process that names the flag itself keeps its own.
import { setFlagsFromString } from 'node:v8';

const FLAG = '--max-inlined-bytecode-size-cumulative';
if (!process.execArgv.some((a) => a.startsWith(FLAG))) setFlagsFromString(`${FLAG}=150`);
