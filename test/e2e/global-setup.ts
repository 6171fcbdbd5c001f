import { buildExtension } from './support/build-extension';

/** One real `wxt build` for the whole end-to-end run. */
export default function setup(): void {
  buildExtension();
}
