import { System } from '../promql';

/** The NVIDIA DCGM exporter metrics the packs use (GPU utilisation and memory). */
export function dcgmExporterMetrics(system: System) {
  return {
    gpuUtil: system.gauge({ name: 'DCGM_FI_DEV_GPU_UTIL', help: 'GPU utilisation, in percent (0-100).', labels: ['gpu', 'modelName', 'Hostname'] }),
    framebufferUsed: system.gauge({ name: 'DCGM_FI_DEV_FB_USED', help: 'GPU framebuffer memory used, in MiB.', labels: ['gpu', 'modelName', 'Hostname'] }),
    framebufferFree: system.gauge({ name: 'DCGM_FI_DEV_FB_FREE', help: 'GPU framebuffer memory free, in MiB.', labels: ['gpu', 'modelName', 'Hostname'] }),
  };
}
