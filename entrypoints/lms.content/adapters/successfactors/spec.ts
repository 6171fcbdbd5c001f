import type { AdapterSpec } from '../spec/types';

/**
 * SAP SuccessFactors Learning (lms-adapters.md §6): `*.plateau.com/learning/user/…` and the BizX
 * wrapper on `*.successfactors.*` (`/sf/learning?destUrl=<encoded>`). An item is
 * `componentTypeID` + `componentID` (`revisionDate` is a version and is left out, so ratings
 * outlive revisions; `fromSF`, CSRF tokens and the fragment are ignored). In the wrapper the
 * parameters are inside the encoded `destUrl`, hence `(?:=|%3D)`. Page structure is ❓.
 */
const ITEM = '{type}~{component}';
const TITLE = ['h1', '$meta:og:title', '$title'];

export const successfactorsSpec: AdapterSpec = {
  id: 'successfactors',
  hosts: ['*.plateau.com', '*.successfactors.com', '*.successfactors.eu', '*.sapsf.com', '*.sapsf.eu'],
  pages: [
    {
      name: 'item-details',
      url:
        '(?i)^/learning/user/(?:deeplink(?:_redirect)?\\.(?:do|jsp)|common/viewItemDetails\\.do)\\?' +
        '(?=(?:.*&)?componentTypeID=(?<type>[\\w.~%-]+))(?=(?:.*&)?componentID=(?<component>[\\w.~%-]+))',
      kind: 'course',
      item: { kind: 'item', id: ITEM, title: TITLE, anchor: ['h1'] },
    },
    {
      name: 'bizx-wrapper',
      url:
        '(?i)^/sf/learning\\?(?=.*destUrl=[^&]*componentTypeID(?:=|%3D)(?<type>[\\w.~-]+))' +
        '(?=.*destUrl=[^&]*componentID(?:=|%3D)(?<component>[\\w.~-]+))',
      kind: 'course',
      item: { kind: 'item', id: ITEM, title: TITLE, anchor: ['h1'] },
    },
  ],
};
