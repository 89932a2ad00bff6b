import { Network } from '@cdktf/provider-docker/lib/network';
import { ImageRef } from './image';
import { ContainerLimits } from './server-container';

/** What every server of one deployment shares. */
export interface ServerDeployment {
  /** Prefix of Docker object names, e.g. `monitoring-local`. */
  readonly namePrefix: string;
  /** The network the servers reach each other on, by name. */
  readonly network: Network;
}

/** Props every server construct takes. */
export interface ServerProps {
  readonly deployment: ServerDeployment;
  /** @default the release this project's tests validate the config with (see each server's DEFAULT_IMAGE) */
  readonly image?: ImageRef;
  /** Host port. @default the server's usual port */
  readonly hostPort?: number;
  /** Host address to bind. @default '127.0.0.1' */
  readonly hostIp?: string;
  /** @default no limits */
  readonly limits?: ContainerLimits;
}
