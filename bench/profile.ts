import { Session } from 'node:inspector/promises';

/** Where this process spends its CPU while `work` runs: V8's sampling profiler, self time by module. */
export interface ProfileLine {
  /** Percent of the sampled non-idle time. */
  share: number;
  /** A package (node_modules/…), one of our files, Node internals, or GC. */
  where: string;
}

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function placeOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return `node internals (${url.replace(/^node:(internal\/)?/, '').split('/')[0]})`;
  const own = /\/((?:functions|local|bench)\/.+)$/.exec(url);
  return own ? own[1]! : url;
}

export async function profileWhile(work: () => Promise<unknown>, top = 10): Promise<ProfileLine[]> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    await work();
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const where = placeOf(byId.get(id)!);
      self.set(where, (self.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    self.delete('(idle)');
    const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
    return [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where, us]) => ({ where, share: (100 * us) / total }));
  } finally {
    session.disconnect();
  }
}
