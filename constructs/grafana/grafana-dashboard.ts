/**
 * One dashboard: a `grafana_dashboard` in its team folder, and the same model written to
 * `out/<env>/dashboards/<uid>.json` for review, so what a reviewer reads is what Grafana receives.
 */
import type { Dashboard as DashboardModel } from "@grafana/grafana-foundation-sdk/dashboard";
import { Construct } from "constructs";
import { Dashboard } from "../../.gen/providers/grafana/dashboard";
import { ReviewArtifact } from "../core/review-artifact";
import { terraformJson } from "../core/terraform-string";
import type { RoleFolder } from "./role-folder";

export interface GrafanaDashboardProps {
  /** The built dashboard model (from `dashboards/`); must carry a stable uid. */
  readonly model: DashboardModel;
  readonly folder: RoleFolder;
}

/** Grafana's uid rule: 1–40 letters, digits, `-` or `_`. */
const UID = /^[A-Za-z0-9_-]{1,40}$/;

export class GrafanaDashboard extends Construct {
  readonly resource: Dashboard;
  /** The dashboard's uid (a literal: links and alerts use it before the dashboard exists). */
  readonly uid: string;
  readonly review: ReviewArtifact;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);
    const { model } = props;
    if (model.uid === undefined || !UID.test(model.uid)) {
      throw new Error(
        `GrafanaDashboard ${this.node.path}: uid ${JSON.stringify(model.uid)} of "${model.title}" must be 1–40 letters, digits, '-' or '_' (set it from DASHBOARD_UIDS in dashboards/uids.ts)`,
      );
    }
    this.uid = model.uid;
    this.resource = new Dashboard(this, "dashboard", {
      configJson: terraformJson(model),
      folder: props.folder.uid,
      // The uid belongs to this program: a copy saved by hand in the UI is replaced, not kept beside it.
      overwrite: true,
      message: "Deployed by fx-trader ops-infra (dashboards as code)",
    });
    this.review = new ReviewArtifact(this, "review", { path: `dashboards/${model.uid}.json`, content: `${JSON.stringify(model, null, 2)}\n` });
  }
}
