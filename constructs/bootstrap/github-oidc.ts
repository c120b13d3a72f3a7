/**
 * GitHub Actions' OIDC identity provider in the account, and the trust policy of a role that a job of one GitHub
 * environment of one repository may assume: the token's `sub` names the environment
 * (`repo:<owner>/<repo>:environment:<name>`), so a pull request job (sub `…:pull_request`) or another
 * environment's job cannot assume it.
 */
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { Construct } from "constructs";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

export class GithubOidcProvider extends Construct {
  readonly provider: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // AWS validates GitHub's certificate against its own trusted CAs; the thumbprint list is optional (provider ≥ 5.81).
    this.provider = new IamOpenidConnectProvider(this, "provider", { url: `https://${GITHUB_OIDC_HOST}`, clientIdList: [GITHUB_OIDC_AUDIENCE] });
  }

  get arn(): string {
    return this.provider.arn;
  }
}

/** The `sub` claim of a job running in GitHub environment `environment` of `repository` (`owner/name`). */
export function githubSubject(repository: string, environment: string): string {
  return `repo:${repository}:environment:${environment}`;
}

/** Trust policy (JSON) letting only jobs of `environment` in `repository` assume the role through `providerArn`. */
export function githubTrustPolicy(providerArn: string, repository: string, environment: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GithubEnvironment",
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: githubSubject(repository, environment) } },
      },
    ],
  });
}
