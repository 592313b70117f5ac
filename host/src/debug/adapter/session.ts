// The `mockforge` debug adapter for core-wasm plugins with a source map: a Debug Adapter Protocol session (no
// `vscode` import: the client wraps it in a DebugAdapterInlineImplementation, tests drive it with DAP messages).
// It runs the embedded-host runner under `node --inspect-brk`, speaks CDP to it, binds breakpoints in the plugin's
// source to wasm code offsets through the module's source map, and maps paused wasm frames back to that source.
//
// Order of events: launch starts the runner (paused before its first line) and answers; `initialized` lets the editor
// send breakpoints; configurationDone lets the runner run. The runner pauses once the plugin's module is compiled
// (handshake.ts): the adapter binds the breakpoints in that wasm script, then resumes, so no plugin code runs before
// its breakpoints exist.
import * as path from 'node:path';
import { Cdp } from './cdp';
import type { AdapterLaunchArguments, DapBreakpoint, DapMessage, DapRequest } from './dap';
import { checkHitCondition, checkSyntax, ExpressionError, evaluate, hitConditionMet, holds, interpolate, show, type Lookup } from './expressions';
import { frameValues } from './frameValues';
import { dapSource, positionOf, scopes, stackFrame, variables, type BoundModule, type CdpCallFrame, type VariablesTarget } from './frames';
import { startInspectee, type Inspectee } from './inspectee';
import { WasmSourceIndex } from './sourceIndex';
import { nextStep, type StepDecision, type StepStart } from './stepping';
import { HANDSHAKE_ENV, HANDSHAKE_GLOBAL, type ModuleHandshake } from '../handshake';
import { moduleLocation } from '../location';

const THREAD_ID = 1;

type Unsequenced = DapMessage extends infer M ? (M extends DapMessage ? Omit<M, 'seq'> : never) : never;

interface SourceBreakpoint {
  id: number;
  line: number;
  /** Code offsets in the module file (before the host's shift). */
  offsets: number[];
  cdpIds: string[];
  verified: boolean;
  message?: string;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
  /** Hits whose condition held (what hitCondition counts). */
  hits: number;
}

interface BreakpointSpec {
  line: number;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

/** The exception filter the editor offers: stop where the plugin traps. */
const TRAP_FILTER = 'traps';

interface Paused {
  callFrames: CdpCallFrame[];
  reason: string;
  hitBreakpoints: string[];
  /** The thrown value, on an exception pause. */
  data?: { objectId?: string; className?: string; description?: string };
}

interface Trap {
  name: string;
  message: string;
}

/** Thrown by request handlers: the message goes back to the editor as the failed request's reason. */
class UserError extends Error {}

export class WasmDebugSession {
  private seq = 1;
  private readonly listeners = new Set<(m: DapMessage) => void>();
  private cdp?: Cdp;
  private inspectee?: Inspectee;
  private index?: WasmSourceIndex;
  private module?: BoundModule;
  private args?: AdapterLaunchArguments;
  /** Breakpoints by source index in the map, as last set by the editor. */
  private readonly breakpoints = new Map<number, SourceBreakpoint[]>();
  private nextBreakpointId = 1;
  private paused?: Paused;
  private readonly references = new Map<number, VariablesTarget>();
  private stepping?: StepStart;
  private pauseRequested = false;
  /** "Plugin traps" exception filter (on unless the editor turns it off). */
  private stopOnTraps = true;
  /** The trap of the current exception stop. */
  private trap?: Trap;
  private terminated = false;
  private startedOnce = false;
  private lettingGo = false;
  /** Wasm scripts V8 announced, newest last: the handshake picks the plugin's among them. */
  private readonly parsedWasm: Array<{ scriptId: string; sourceMapURL: string }> = [];

  /** vscode.DebugAdapter's event, without importing vscode: `(listener) => Disposable`. */
  readonly onDidSendMessage = (listener: (m: DapMessage) => void): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  handleMessage(message: DapMessage): void {
    if (message.type !== 'request') return;
    void this.dispatch(message);
  }

  dispose(): void {
    this.kill();
  }

  private send(m: Unsequenced): void {
    const full = { ...m, seq: this.seq++ } as DapMessage;
    for (const l of this.listeners) l(full);
  }

  private event(event: string, body?: unknown): void {
    this.send({ type: 'event', event, body });
  }

  private output(category: 'console' | 'stdout' | 'stderr', text: string): void {
    this.event('output', { category, output: text.endsWith('\n') ? text : `${text}\n` });
  }

  private async dispatch(req: DapRequest): Promise<void> {
    try {
      const body = await this.run(req);
      this.send({ type: 'response', request_seq: req.seq, command: req.command, success: true, body });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.send({ type: 'response', request_seq: req.seq, command: req.command, success: false, message, body: { error: { id: 1, format: message, showUser: err instanceof UserError } } });
    }
  }

  private run(req: DapRequest): Promise<unknown> | unknown {
    const a = req.arguments ?? {};
    switch (req.command) {
      case 'initialize':
        return {
          supportsConfigurationDoneRequest: true,
          supportsTerminateRequest: true,
          supportsLoadedSourcesRequest: false,
          supportsEvaluateForHovers: true,
          supportsConditionalBreakpoints: true,
          supportsHitConditionalBreakpoints: true,
          supportsLogPoints: true,
          supportsExceptionInfoRequest: true,
          exceptionBreakpointFilters: [{ filter: TRAP_FILTER, label: 'Plugin traps', description: 'Stop where the plugin traps (unreachable, abort, out-of-bounds memory access), before the host turns the trap into an error reply', default: true }],
        };
      case 'launch':
        return this.launch(a as unknown as AdapterLaunchArguments);
      case 'setBreakpoints':
        return this.setBreakpoints(a as { source?: { path?: string }; breakpoints?: BreakpointSpec[]; lines?: number[] });
      case 'setExceptionBreakpoints':
        return this.setExceptionBreakpoints(a as { filters?: string[] });
      case 'exceptionInfo':
        return this.exceptionInfo();
      case 'configurationDone':
        return this.configurationDone();
      case 'threads':
        return { threads: [{ id: THREAD_ID, name: 'plugin' }] };
      case 'stackTrace':
        return this.stackTrace(a as { startFrame?: number; levels?: number });
      case 'scopes':
        return this.scopes(a as { frameId: number });
      case 'variables':
        return this.variables(a as { variablesReference: number });
      case 'source':
        return this.source(a as { sourceReference?: number; source?: { sourceReference?: number } });
      case 'continue':
        return this.resume().then(() => ({ allThreadsContinued: true }));
      case 'next':
      case 'stepIn':
      case 'stepOut':
        return this.step(req.command);
      case 'pause':
        return this.pause();
      case 'evaluate':
        return this.evaluate(a as { expression?: string; frameId?: number; context?: string });
      case 'disconnect':
      case 'terminate':
        return this.stop();
      default:
        throw new Error(`unsupported request "${req.command}"`);
    }
  }

  // ---- launch and lifecycle --------------------------------------------------------------------------------------

  private async launch(args: AdapterLaunchArguments): Promise<void> {
    this.args = args;
    if (!args.runner || !args.plugin || !args.requestFile) throw new UserError('the mockforge launch needs "runner", "plugin" and "requestFile" (resolved by the MockForge extension)');
    const where = await moduleLocation(args.plugin);
    if (!where) throw new UserError(`${args.plugin}: no core wasm module to debug (plugin.yaml needs runtime wasm and wasm.path)`);
    try {
      this.index = WasmSourceIndex.load(where.wasmFile, where.root);
    } catch (err) {
      throw new UserError(`cannot read the source map of ${where.wasmFile}: ${(err as Error).message}`);
    }
    if (!this.index) throw new UserError(`${where.wasmFile} has no source map (build it with --sourceMap, as \`mockforge-plugin build\` does): breakpoints in its source cannot bind`);
    const runtime = args.runtimeExecutable || 'node';
    const runnerArgs = [args.plugin, args.requestFile];
    for (const [k, v] of Object.entries(args.config ?? {})) runnerArgs.push('--config', `${k}=${v}`);
    this.inspectee = await startInspectee({
      runtime,
      script: args.runner,
      args: runnerArgs,
      cwd: args.cwd ?? where.root,
      env: { ...process.env, [HANDSHAKE_ENV]: '1' },
      onOutput: (stream, line) => this.output(stream, line),
    }).catch((err: Error) => {
      throw new UserError(err.message);
    });
    void this.inspectee.exited.then((code) => this.ended(code));
    try {
      await this.attach(args, where.wasmFile, this.index);
    } catch (err) {
      this.kill(); // a runner nobody is attached to would wait at --inspect-brk for ever
      throw new UserError(`${(err as Error).message} (debug runner ${args.runner})`);
    }
    this.event('initialized');
  }

  private async attach(args: AdapterLaunchArguments, wasmFile: string, index: WasmSourceIndex): Promise<void> {
    const inspectee = this.inspectee!;
    this.event('process', { name: `${path.basename(args.runner)} ${path.basename(args.plugin)}`, systemProcessId: inspectee.child.pid, isLocalProcess: true, startMethod: 'launch' });
    const cdp = await Cdp.connect(inspectee.wsUrl);
    this.cdp = cdp;
    cdp.on('Debugger.scriptParsed', (p) => this.scriptParsed(p));
    cdp.on('Debugger.paused', (params) => {
      const p = params as unknown as Paused;
      this.onPaused(p).catch((err: Error) => {
        // Whatever went wrong, never leave the runner paused while the editor thinks it runs.
        this.output('console', `mockforge debug: ${err.message}`);
        if (!cdp.isClosed) this.stopped(p, 'pause');
      });
    });
    cdp.on('Debugger.resumed', () => this.onResumed());
    // The runner has finished and Node waits for us to let go: let go, so it exits.
    cdp.on('NodeRuntime.waitingForDisconnect', () => {
      this.lettingGo = true;
      cdp.close();
    });
    // A connection lost for any other reason leaves a runner nobody can control: end it.
    cdp.onClose(() => {
      if (!this.lettingGo) this.kill();
    });
    await cdp.send('Runtime.enable');
    await cdp.send('Debugger.enable');
    await cdp.send('NodeRuntime.notifyWhenWaitingForDisconnect', { enabled: true });
    await this.applyTrapFilter();
    this.output('console', `mockforge: debugging ${path.basename(wasmFile)} with ${path.basename(args.requestFile)} (source map ${path.basename(index.mapFile)})`);
  }

  private async configurationDone(): Promise<void> {
    await this.cdp?.send('Runtime.runIfWaitingForDebugger');
  }

  private scriptParsed(p: Record<string, unknown>): void {
    if (p.scriptLanguage === 'WebAssembly') this.parsedWasm.push({ scriptId: String(p.scriptId), sourceMapURL: String(p.sourceMapURL ?? '') });
  }

  private ended(code: number | string): void {
    this.cdp?.close();
    if (this.terminated) return;
    this.terminated = true;
    this.event('exited', { exitCode: typeof code === 'number' ? code : 1 });
    this.event('terminated');
  }

  private kill(): void {
    const child = this.inspectee?.child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  private async stop(): Promise<void> {
    this.kill();
    if (this.inspectee) await this.inspectee.exited;
  }

  // ---- breakpoints ----------------------------------------------------------------------------------------------

  private async setBreakpoints(a: { source?: { path?: string }; breakpoints?: BreakpointSpec[]; lines?: number[] }): Promise<{ breakpoints: DapBreakpoint[] }> {
    const index = this.index;
    const specs: BreakpointSpec[] = a.breakpoints ?? a.lines?.map((line) => ({ line })) ?? [];
    const lines = specs.map((b) => b.line);
    const file = a.source?.path;
    const source = index && file ? index.sourceIndexOf(file) : undefined;
    if (!index || !file || source === undefined) {
      const why = !file ? 'the breakpoint has no file' : `${file} is not a source of this plugin's module (its source map does not name it)`;
      return { breakpoints: lines.map((line) => ({ id: this.nextBreakpointId++, verified: false, line, message: why })) };
    }
    for (const old of this.breakpoints.get(source) ?? []) await this.unbind(old);
    const set: SourceBreakpoint[] = specs.map(({ line, condition, hitCondition, logMessage }) => {
      let offsets = index.breakpointOffsets(source, line);
      let message = offsets.length === 0
        ? `no code on line ${line} of ${path.basename(file)}: the source map maps nothing there (a comment, a blank line or code the compiler left out)`
        : 'pending: binds when the plugin\'s module is loaded';
      try {
        if (condition?.trim()) checkSyntax(condition);
        if (hitCondition?.trim()) checkHitCondition(hitCondition);
      } catch (err) {
        // A breakpoint whose condition cannot be read would stop every time or never: refuse it, saying why.
        offsets = [];
        message = `condition of the breakpoint on line ${line}: ${(err as Error).message}`;
      }
      return {
        id: this.nextBreakpointId++,
        line,
        offsets,
        cdpIds: [],
        verified: false,
        message,
        condition: condition?.trim() || undefined,
        hitCondition: hitCondition?.trim() || undefined,
        logMessage: logMessage || undefined,
        hits: 0,
      };
    });
    this.breakpoints.set(source, set);
    if (this.module) for (const bp of set) await this.bind(bp);
    return { breakpoints: set.map((bp) => this.dapBreakpoint(source, bp)) };
  }

  private dapBreakpoint(source: number, bp: SourceBreakpoint): DapBreakpoint {
    const index = this.index!;
    return { id: bp.id, verified: bp.verified, line: bp.line, message: bp.verified ? undefined : bp.message, source: dapSource(index, index.sources[source]) };
  }

  private async bind(bp: SourceBreakpoint): Promise<void> {
    const module = this.module;
    if (!module || !this.cdp || bp.offsets.length === 0) return;
    const failures: string[] = [];
    for (const offset of bp.offsets) {
      try {
        const r = await this.cdp.send<{ breakpointId: string }>('Debugger.setBreakpoint', { location: { scriptId: module.scriptId, lineNumber: 0, columnNumber: offset + module.codeShift } });
        bp.cdpIds.push(r.breakpointId);
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
    bp.verified = bp.cdpIds.length > 0;
    if (!bp.verified) bp.message = `V8 refused the breakpoint: ${failures.join('; ')}`;
  }

  private async unbind(bp: SourceBreakpoint): Promise<void> {
    for (const id of bp.cdpIds) await this.cdp?.send('Debugger.removeBreakpoint', { breakpointId: id }).catch(() => undefined);
    bp.cdpIds = [];
  }

  /** The runner's post-compile pause: find the plugin's wasm script, bind every breakpoint in it. */
  private async handshake(frame: CdpCallFrame): Promise<boolean> {
    const cdp = this.cdp!;
    const r = await cdp.send<{ result: { value?: ModuleHandshake } }>('Debugger.evaluateOnCallFrame', { callFrameId: frame.callFrameId, expression: `globalThis.${HANDSHAKE_GLOBAL}`, returnByValue: true, silent: true });
    const info = r.result.value;
    if (!info || typeof info.wasmFile !== 'string') return false;
    const script = this.parsedWasm.find((s) => info.mapUrl !== undefined && s.sourceMapURL === info.mapUrl) ?? this.parsedWasm.at(-1);
    if (!script || !this.index || path.resolve(info.wasmFile) !== path.resolve(this.index.wasmFile)) return true; // another module: nothing of ours in it
    this.module = { scriptId: script.scriptId, codeShift: info.codeShift, index: this.index };
    for (const [source, list] of this.breakpoints) {
      for (const bp of list) {
        await this.bind(bp);
        if (bp.offsets.length > 0) this.event('breakpoint', { reason: 'changed', breakpoint: this.dapBreakpoint(source, bp) });
      }
    }
    return true;
  }

  // ---- pausing, stepping ----------------------------------------------------------------------------------------

  private async onPaused(p: Paused): Promise<void> {
    const cdp = this.cdp!;
    if (p.reason === 'Break on start') {
      // --inspect-brk's stop before the runner's first line: the editor's breakpoints are all in the plugin.
      await cdp.send('Debugger.resume');
      return;
    }
    if (p.reason === 'exception' || p.reason === 'promiseRejection') {
      // Pausing on every thrown exception is how V8 shows us a trap the host will catch; the host's own exceptions
      // (caught as part of its normal work) go on at once.
      const trap = this.stopOnTraps && !this.pauseRequested ? await this.trapOf(p) : undefined;
      if (!trap) {
        await cdp.send('Debugger.resume');
        return;
      }
      this.trapStop(p, trap);
      return;
    }
    const pluginBelow = p.callFrames.some((f) => this.inPlugin(f));
    if (this.pauseRequested && !this.stepping && p.hitBreakpoints.length === 0 && pluginBelow && p.callFrames[0] && !this.inPlugin(p.callFrames[0])) {
      // A pause that lands in the host while the plugin runs (in an import it called, say log): let the host part
      // finish and ask again, so the stop is in the plugin's code, where the user is looking.
      await cdp.send('Debugger.resume');
      await cdp.send('Debugger.pause');
      return;
    }
    if (p.hitBreakpoints.length > 0) {
      const stopping = await this.breakpointsThatStop(p);
      p = { ...p, hitBreakpoints: stopping };
      if (stopping.length === 0 && !this.stepping && !this.pauseRequested) {
        await cdp.send('Debugger.resume');
        return;
      }
    }
    const top = p.callFrames[0];
    const inPlugin = this.module !== undefined && top?.location.scriptId === this.module.scriptId;
    if (!inPlugin && top && p.reason === 'other' && p.hitBreakpoints.length === 0 && !this.pauseRequested && (await this.handshake(top))) {
      if (this.args?.stopOnEntry && !this.startedOnce) {
        this.startedOnce = true;
        this.stopped(p, 'entry');
        return;
      }
      await cdp.send('Debugger.resume');
      return;
    }
    if (this.stepping && p.hitBreakpoints.length === 0 && !this.pauseRequested) {
      const decision = this.stepDecision(this.stepping, p.callFrames);
      if (decision !== 'stop') {
        await this.cdpStep(decision);
        return;
      }
    }
    const reason = p.hitBreakpoints.length > 0 ? 'breakpoint' : this.pauseRequested ? 'pause' : this.stepping ? 'step' : p.reason === 'exception' || p.reason === 'promiseRejection' ? 'exception' : 'pause';
    this.stopped(p, reason);
  }

  /** The CDP ids of the hit breakpoints that stop: conditions and hit counts hold; logpoints print and go on. */
  private async breakpointsThatStop(p: Paused): Promise<string[]> {
    const top = p.callFrames[0];
    let values: Map<string, unknown> | undefined;
    const lookup = async (): Promise<Lookup> => {
      values ??= top ? await frameValues(this.cdp!, top, this.inPlugin(top) && this.index!.assemblyScript) : new Map();
      const v = values;
      return (name) => v.get(name) as ReturnType<Lookup>;
    };
    const stopping: string[] = [];
    for (const list of this.breakpoints.values()) {
      for (const bp of list) {
        const hit = bp.cdpIds.filter((c) => p.hitBreakpoints.includes(c));
        if (hit.length === 0) continue;
        if (bp.condition) {
          try {
            if (!holds(bp.condition, await lookup())) continue;
          } catch (err) {
            // Stop rather than silently skip: the user asked to look here, and sees why the condition failed.
            this.output('console', `mockforge: condition "${bp.condition}" of the breakpoint on line ${bp.line}: ${(err as Error).message}`);
            stopping.push(...hit);
            continue;
          }
        }
        bp.hits++;
        if (bp.hitCondition && !hitConditionMet(bp.hitCondition, bp.hits)) continue;
        if (bp.logMessage !== undefined) {
          this.output('console', interpolate(bp.logMessage, await lookup()));
          continue;
        }
        stopping.push(...hit);
      }
    }
    return stopping;
  }

  private inPlugin(frame: CdpCallFrame): boolean {
    return this.module !== undefined && frame.location.scriptId === this.module.scriptId;
  }

  /** The trap this exception pause is, if the plugin raised it: a wasm RuntimeError or the host's abort stop. */
  private async trapOf(p: Paused): Promise<Trap | undefined> {
    if (!p.callFrames.some((f) => this.inPlugin(f)) || !p.data?.objectId) return undefined;
    const r = await this.cdp!.send<{ result: { value?: { name?: string; message?: string; code?: unknown } } }>('Runtime.callFunctionOn', {
      objectId: p.data.objectId,
      functionDeclaration: 'function () { return { name: this && this.name, message: this && this.message, code: this && this.code }; }',
      returnByValue: true,
      silent: true,
    });
    const e = r.result.value;
    if (!e) return undefined;
    const isTrap = p.data.className === 'RuntimeError' || e.name === 'RuntimeError' || e.code === 'trap';
    if (!isTrap) return undefined;
    return { name: e.name ?? p.data.className ?? 'trap', message: String(e.message ?? p.data.description ?? 'trap') };
  }

  /** Stops at the trap: frames from the plugin's trapping instruction down (the host import that threw is hidden). */
  private trapStop(p: Paused, trap: Trap): void {
    const first = p.callFrames.findIndex((f) => this.inPlugin(f));
    this.stopped({ ...p, callFrames: p.callFrames.slice(Math.max(first, 0)), hitBreakpoints: [] }, 'exception', trap);
  }

  private stopped(p: Paused, reason: string, trap?: Trap): void {
    this.trap = trap;
    this.paused = p;
    this.stepping = undefined;
    this.pauseRequested = false;
    const hit = p.hitBreakpoints.length > 0 ? this.dapIdsOf(p.hitBreakpoints) : undefined;
    this.event('stopped', { reason, threadId: THREAD_ID, allThreadsStopped: true, hitBreakpointIds: hit, description: trap ? 'Paused on plugin trap' : undefined, text: trap?.message });
  }

  private async setExceptionBreakpoints(a: { filters?: string[] }): Promise<unknown> {
    this.stopOnTraps = (a.filters ?? []).includes(TRAP_FILTER);
    await this.applyTrapFilter();
    return { breakpoints: (a.filters ?? []).map(() => ({ verified: true })) };
  }

  private async applyTrapFilter(): Promise<void> {
    // Traps are caught by the host (it turns them into an error reply), so only "all" pauses on them.
    if (this.cdp && !this.cdp.isClosed) await this.cdp.send('Debugger.setPauseOnExceptions', { state: this.stopOnTraps ? 'all' : 'none' });
  }

  private exceptionInfo(): unknown {
    this.requirePaused();
    const trap = this.trap;
    if (!trap) throw new UserError('the plugin is not stopped on a trap');
    return { exceptionId: trap.name, description: trap.message, breakMode: 'always', details: { message: trap.message, typeName: trap.name } };
  }

  private async evaluate(a: { expression?: string; frameId?: number; context?: string }): Promise<unknown> {
    const expression = (a.expression ?? '').trim();
    if (!this.paused || !this.cdp) throw new UserError('the plugin is running: pause it (or stop at a breakpoint) to evaluate');
    const frame = this.paused.callFrames[(a.frameId ?? 1) - 1] ?? this.paused.callFrames[0];
    if (!frame) throw new UserError('no frame to evaluate in');
    try {
      const values = await frameValues(this.cdp, frame, this.inPlugin(frame) && this.index!.assemblyScript);
      const v = evaluate(expression, (name) => values.get(name));
      return { result: show(v), type: v === null ? 'null' : typeof v, variablesReference: 0 };
    } catch (err) {
      if (err instanceof ExpressionError) throw new UserError(err.message);
      throw new UserError(`cannot evaluate ${JSON.stringify(expression)}: ${(err as Error).message}`);
    }
  }

  private dapIdsOf(cdpIds: string[]): number[] {
    const ids: number[] = [];
    for (const list of this.breakpoints.values()) for (const bp of list) if (bp.cdpIds.some((c) => cdpIds.includes(c))) ids.push(bp.id);
    return ids;
  }

  private onResumed(): void {
    this.paused = undefined;
    this.references.clear();
  }

  private point(frames: CdpCallFrame[]): { depth: number; inPlugin: boolean; source?: number | string; line?: number } {
    const module = this.module;
    const depth = module ? frames.filter((f) => f.location.scriptId === module.scriptId).length : 0;
    const top = frames[0];
    const inPlugin = module !== undefined && top?.location.scriptId === module.scriptId;
    const pos = top ? positionOf(top, module) : undefined;
    return { depth, inPlugin, source: pos?.source.name, line: pos?.line };
  }

  private stepDecision(start: StepStart, frames: CdpCallFrame[]): StepDecision {
    return nextStep(start, this.point(frames));
  }

  private async cdpStep(decision: Exclude<StepDecision, 'stop'>): Promise<void> {
    const method = { stepOver: 'Debugger.stepOver', stepInto: 'Debugger.stepInto', stepOut: 'Debugger.stepOut', resume: 'Debugger.resume' }[decision];
    if (decision === 'resume') this.stepping = undefined;
    await this.cdp!.send(method);
  }

  private requirePaused(): Paused {
    if (!this.paused) throw new UserError('the plugin is not paused');
    return this.paused;
  }

  private async step(kind: 'next' | 'stepIn' | 'stepOut'): Promise<void> {
    const p = this.requirePaused();
    const at = this.point(p.callFrames);
    this.stepping = { kind, depth: at.depth, source: at.source, line: at.line };
    if (!at.inPlugin) {
      // Paused in the host (entry, or a pause outside the plugin): plain V8 steps.
      this.stepping = undefined;
      await this.cdp!.send(kind === 'next' ? 'Debugger.stepOver' : kind === 'stepIn' ? 'Debugger.stepInto' : 'Debugger.stepOut');
      return;
    }
    await this.cdpStep(kind === 'next' ? 'stepOver' : kind === 'stepIn' ? 'stepInto' : 'stepOut');
  }

  private async resume(): Promise<void> {
    this.requirePaused();
    this.stepping = undefined;
    await this.cdp!.send('Debugger.resume');
    // Running from here on, whether or not Debugger.resumed has arrived yet: a pause right after must be sent.
    this.onResumed();
  }

  private async pause(): Promise<void> {
    if (this.paused) return;
    this.pauseRequested = true;
    await this.cdp!.send('Debugger.pause');
  }

  // ---- inspection -----------------------------------------------------------------------------------------------

  private reference(target: VariablesTarget): number {
    const id = this.references.size + 1;
    this.references.set(id, target);
    return id;
  }

  private stackTrace(a: { startFrame?: number; levels?: number }): unknown {
    const p = this.requirePaused();
    const all = p.callFrames.map((f, i) => stackFrame(i + 1, f, this.module));
    const start = a.startFrame ?? 0;
    const frames = a.levels ? all.slice(start, start + a.levels) : all.slice(start);
    return { stackFrames: frames, totalFrames: all.length };
  }

  private scopes(a: { frameId: number }): unknown {
    const frame = this.requirePaused().callFrames[a.frameId - 1];
    if (!frame) throw new Error(`no frame ${a.frameId}`);
    const inPlugin = this.module !== undefined && frame.location.scriptId === this.module.scriptId;
    return { scopes: scopes(frame, (t) => this.reference(t), inPlugin && this.index!.assemblyScript) };
  }

  private async variables(a: { variablesReference: number }): Promise<unknown> {
    const target = this.references.get(a.variablesReference);
    if (!target || !this.cdp) return { variables: [] };
    return { variables: await variables(this.cdp, target, (t) => this.reference(t)) };
  }

  private source(a: { sourceReference?: number; source?: { sourceReference?: number } }): unknown {
    const ref = a.source?.sourceReference ?? a.sourceReference ?? 0;
    const src = this.index?.sources[ref - 1];
    if (!src) throw new Error(`no source ${ref}`);
    if (src.content === undefined) throw new UserError(`${src.name}: the source map does not embed its text`);
    return { content: src.content, mimeType: 'text/x-typescript' };
  }
}
