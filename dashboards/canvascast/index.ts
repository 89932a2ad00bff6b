import { Dashboard } from '../../lib';

/** The canvascast dashboards, in the order their panels claim alerts. */
export const canvascastDashboards: readonly Dashboard[] = [];
