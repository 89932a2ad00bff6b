import { Dashboard } from '../../lib';
import { canvascastBusiness } from './business';
import { canvascastOverview } from './overview';
import { canvascastPipeline } from './pipeline';

export { canvascastBusiness } from './business';
export { canvascastOverview } from './overview';
export { canvascastPipeline } from './pipeline';

/** The canvascast dashboards, in the order their panels claim alerts. */
export const canvascastDashboards: readonly Dashboard[] = [canvascastOverview, canvascastPipeline, canvascastBusiness];
