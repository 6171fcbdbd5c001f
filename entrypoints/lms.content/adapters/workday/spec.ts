import type { AdapterSpec } from '../spec/types';

/**
 * Workday Learning (lms-adapters.md §8): `wdN.myworkday.com/<tenant>/…`, a single-page app. Object
 * pages are `/d/inst/{a}${b}/{b}${id}.htmld`; `{b}${id}` is a stable instance id, keyed here as
 * `{b}-{id}` (`$` is not an ItemKey character). The tenant path is part of the site, since many
 * companies share a host. Which type ids mean "course" is ❓, so the item kind is `object`.
 * Title: `[data-automation-id="pageHeaderTitleText"]` (◐), never the obfuscated classes.
 */
export const workdaySpec: AdapterSpec = {
  id: 'workday',
  hosts: ['*.myworkday.com'],
  pages: [
    {
      name: 'object',
      url: '^(?<base>/[\\w.-]+)/d/inst/[^/]+/(?<type>\\d+)\\$(?<id>\\d+)\\.htmld',
      kind: 'course',
      item: {
        kind: 'object',
        id: '{type}-{id}',
        title: ['[data-automation-id="pageHeaderTitleText"]', '$title'],
        anchor: ['[data-automation-id="pageHeaderTitleText"]'],
      },
    },
  ],
};
