import { Dashboard } from '../../lib';

/** The dubbing dashboards, in the order their panels claim alerts. */
export const dubbingDashboards: readonly Dashboard[] = [];
