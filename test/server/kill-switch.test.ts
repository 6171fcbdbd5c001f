import { describe, expect, it } from 'vitest';
import { checkKillSwitch, killSwitchFor } from '../../server/services/kill-switch';

describe('kill switch', () => {
  const rules = JSON.stringify([
    { adapters: ['cornerstone'], versions: ['0.1.0'] },
    { features: ['tile-badge'] },
    { adapters: ['docebo'], features: ['popular-shelf'], versions: ['0.2.0'] },
  ]);

  it('switches off what the rules name for that version, and rules without versions for all', () => {
    expect(killSwitchFor('0.1.0', rules)).toEqual({ disabledAdapters: ['cornerstone'], disabledFeatures: ['tile-badge'] });
    expect(killSwitchFor('0.2.0', rules)).toEqual({ disabledAdapters: ['docebo'], disabledFeatures: ['tile-badge', 'popular-shelf'] });
  });

  it('switches nothing off when unset or malformed, and says what is wrong', () => {
    expect(killSwitchFor('0.1.0', undefined)).toEqual({ disabledAdapters: [], disabledFeatures: [] });
    expect(killSwitchFor('0.1.0', '{oops')).toEqual({ disabledAdapters: [], disabledFeatures: [] });
    expect(checkKillSwitch('{oops')).toMatch(/not JSON/);
    expect(checkKillSwitch(JSON.stringify([{ adapters: ['Not An Id'] }]))).toMatch(/adapters/);
    expect(checkKillSwitch(rules)).toBeNull();
  });
});
