import { System } from '../promql';

/** The cAdvisor container metrics the packs use. */
export function cadvisorMetrics(system: System) {
  return {
    memoryWorkingSet: system.gauge({ name: 'container_memory_working_set_bytes', help: 'Container working set memory, in bytes.', labels: ['name', 'image'] }),
    memoryLimit: system.gauge({ name: 'container_spec_memory_limit_bytes', help: 'Container memory limit, in bytes (0: none).', labels: ['name', 'image'] }),
    cpuSeconds: system.counter({ name: 'container_cpu_usage_seconds_total', help: 'Container CPU seconds.', labels: ['name', 'image', 'cpu'] }),
  };
}
