import { moodleSelectors } from './selectors';

/**
 * Activity completion as Moodle shows it to the learner, read from attributes and classes only
 * (the badge texts change with language and version). Returns undefined when the markup does not
 * say: no completion tracking, or a teacher's view ("Students must ...") that has no status.
 *
 * Sources, in order:
 * 1. the manual button (`core_course/completion_manual`): `data-toggletype="manual:undo"` means
 *    done; `manual:mark-done` (and `manual:completion` in some versions) means not done;
 * 2. the automatic conditions (`core_course/completion_automatic` 4.0–4.2 badges,
 *    `core_courseformat/local/content/cm/completion_dialog` 4.3+ list): done when every condition
 *    shows success; a failed condition ("completion_fail", e.g. a failing grade) counts as not done;
 * 3. the 4.3+ dropdown button, whose colour class sums up the conditions.
 */
export function readCompletion(container: Element): boolean | undefined {
  const manual = container.querySelector(moodleSelectors.manualCompletionButton)?.getAttribute('data-toggletype');
  if (manual === 'manual:undo') return true;
  if (manual === 'manual:mark-done' || manual === 'manual:completion') return false;

  const automatic = container.querySelector(moodleSelectors.automaticCompletion);
  if (!automatic) return undefined;
  const fromConditions = readConditions(automatic);
  if (fromConditions !== undefined) return fromConditions;
  const button = automatic.querySelector(moodleSelectors.completionDropdownButton);
  return button && statusOf(button) === 'done' ? true : undefined;
}

type ConditionStatus = 'done' | 'failed' | 'todo' | 'unknown';

function readConditions(automatic: Element): boolean | undefined {
  const statuses = Array.from(automatic.querySelectorAll(moodleSelectors.automaticCondition), conditionStatus);
  if (statuses.some((status) => status === 'failed' || status === 'todo')) return false;
  if (statuses.length > 0 && statuses.every((status) => status === 'done')) return true;
  return undefined;
}

function conditionStatus(condition: Element): ConditionStatus {
  const status = statusOf(condition);
  if (status !== 'unknown') return status;
  // A tracked learner's "To do" condition states its status for screen readers or in `<strong>`
  // and a title; a teacher's untracked list shows only the condition's description.
  const tracked =
    condition.hasAttribute('title') ||
    condition.hasAttribute('aria-label') ||
    condition.querySelector(`strong, ${moodleSelectors.screenReaderOnly}`) !== null;
  return tracked ? 'todo' : 'unknown';
}

/** Bootstrap's contextual colour classes: `alert-success`, `bg-success`, `btn-subtle-success` ... */
function statusOf(element: Element): ConditionStatus {
  for (const name of Array.from(element.classList)) {
    if (/^(?:text|alert|bg|badge|btn|btn-subtle|btn-outline|text-bg)-success$/.test(name)) return 'done';
    if (/^(?:text|alert|bg|badge|btn|btn-subtle|btn-outline|text-bg)-danger$/.test(name)) return 'failed';
  }
  return 'unknown';
}

/**
 * Completion from the course index drawer (`core_courseformat/local/courseindex/cmcompletion`):
 * `completion_complete`, `completion_incomplete`, `completion_fail`, `completion_none`. Used only
 * when the page itself shows nothing, e.g. automatic completion with conditions hidden.
 */
export function readCourseIndexCompletion(doc: Document, cmid: string): boolean | undefined {
  const marker = doc.querySelector(moodleSelectors.courseIndexCompletion(cmid));
  if (!marker) return undefined;
  if (marker.classList.contains('completion_complete')) return true;
  if (marker.classList.contains('completion_incomplete') || marker.classList.contains('completion_fail')) return false;
  return undefined;
}
