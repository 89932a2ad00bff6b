import { Dashboard } from '../../lib';

/** The ik-engine dashboards, in the order their panels claim alerts. */
export const ikEngineDashboards: readonly Dashboard[] = [];
