import { Dashboard } from '../../lib';

/** The internet-id dashboards, in the order their panels claim alerts. */
export const internetIdDashboards: readonly Dashboard[] = [];
