/**
 * Components take their strings through this function, so they stay free of `browser.*` and can
 * be rendered in tests; pages pass `browser.i18n.getMessage`.
 */
export type Translate = (key: string, substitutions?: string | string[]) => string;
