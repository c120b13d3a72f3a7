/**
 * Dashboard variables shared by the FX Trader dashboards: the Prometheus data source, the environment, the
 * namespace and (per dashboard) a filter such as service or instance. Query variables read label values from
 * metrics of the contract, so a renamed metric shows up in the tests rather than as an empty drop-down.
 */
import {
  CustomVariableBuilder,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { DATASOURCE_UIDS } from "../uids";
import { DATASOURCE_VARIABLE, PROMETHEUS } from "./datasources";

/** The Prometheus data source variable; defaults to the data source the `grafana` layer creates. */
export function datasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(DATASOURCE_VARIABLE)
    .label("Data source")
    .type("prometheus")
    .current({ selected: true, text: "Prometheus", value: DATASOURCE_UIDS.prometheus });
}

/**
 * The environment this dashboard belongs to. Each environment has its own Grafana and Prometheus, so the
 * series carry no environment label; the variable shows which one you are looking at and travels in links.
 */
export function environmentVariable(environment: string): CustomVariableBuilder {
  return new CustomVariableBuilder("env")
    .label("Environment")
    .values(environment)
    .current({ selected: true, text: environment, value: environment });
}

/** A single-value variable listing the values of `label` on `metric`, defaulting to `current`. */
export function labelVariable(name: string, label: string, metric: string, current: string): QueryVariableBuilder {
  const query = `label_values(${metric}, ${label})`;
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(PROMETHEUS)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .current({ selected: true, text: current, value: current });
}

/**
 * A multi-value variable named after `label`, listing its values on `metric`, with "All" matching every value
 * (`.*`); queries filter with `label=~"$label"`.
 */
export function multiLabelVariable(label: string, metric: string, displayName: string = label): QueryVariableBuilder {
  const query = `label_values(${metric}, ${label})`;
  return new QueryVariableBuilder(label)
    .label(displayName)
    .datasource(PROMETHEUS)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue(".*")
    .current({ selected: true, text: "All", value: "$__all" });
}

/** The Kubernetes namespace, defaulting to the application's namespace. */
export function namespaceVariable(appNamespace: string): QueryVariableBuilder {
  return labelVariable("namespace", "namespace", "kube_pod_container_resource_requests", appNamespace);
}
