import { Dashboard } from '../../lib';
import { dubbingErrors } from './errors';
import { dubbingJobs } from './jobs';
import { dubbingModels } from './models';
import { dubbingOverview } from './overview';
import { dubbingPlatform } from './platform';

/** The dubbing dashboards, in the order their panels claim alerts: the system health overview first. */
export const dubbingDashboards: readonly Dashboard[] = [dubbingOverview, dubbingPlatform, dubbingJobs, dubbingModels, dubbingErrors];
