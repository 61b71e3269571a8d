import { describe, expect, it } from 'vitest';
import { buildWebApp, firstLoadScripts } from '../../web/build.ts';

describe('the web app build', () => {
  it('keeps the staff screens out of what the patient home loads, in a chunk staff load on demand', async () => {
    const bundle = await buildWebApp();
    const firstLoad = firstLoadScripts(bundle);
    expect(firstLoad[0]).toBe('main.js');
    const text = (names: string[]) => names.map((name) => bundle.get(name)?.body.toString('utf8') ?? '').join('\n');
    const scripts = [...bundle.keys()].filter((name) => name.endsWith('.js'));
    const later = scripts.filter((name) => !firstLoad.includes(name));
    // Words only staff screens show: the weekly pattern, the registration letter, the settings, the queue.
    for (const staffOnly of ['Publish a weekly pattern', 'Linkage key', 'Save settings', 'Waiting for a decision']) {
      expect(text(firstLoad), staffOnly).not.toContain(staffOnly);
      expect(text(later), staffOnly).toContain(staffOnly);
    }
    // The patient screens themselves are in the first load.
    expect(text(firstLoad)).toContain('Book an appointment');
  });
});
