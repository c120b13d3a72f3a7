/**
 * The checkov IAM policy-document checks, re-implemented on the synthesized JSON and named by checkov ID:
 * CKV_AWS_1 and CKV_AWS_49 (plain `*` checks of `data.aws_iam_policy_document`), and the cloudsplaining-based
 * checks, which checkov runs twice, on `data.aws_iam_policy_document` (CKV_AWS_107–111, 356) and on the identity
 * policies (CKV_AWS_286–290, 355).
 *
 * Cloudsplaining's model, as checkov uses it (default exclusions, no flagging of conditioned or ARN-scoped
 * statements): an action is "allowed without constraints" when an Allow statement without a Condition grants it
 * and either names `Resource: "*"` (a restrictable action) or the action is wildcard-only (it supports no resource
 * type). Actions denied by a Deny statement without a Condition are subtracted (cloudsplaining subtracts every
 * Deny; this rule only those that hold unconditionally, so it is stricter). Action patterns (`kms:Get*`, `iam:*`)
 * are expanded against the table in `../private/iam-actions.ts`; an action of a service the table does not list
 * counts as restrictable.
 */
import { iamAction, IAM_ACTIONS, type AccessLevel } from "../private/iam-actions";
import { ownStatements, readPolicy, type PolicyStatement } from "../private/iam-documents";
import type { StackModel, TfBlock } from "../private/stack-model";
import type { Finding, PolicyRule } from "../rule";

const DATA_DOCUMENT = "data.aws_iam_policy_document";
const IDENTITY_POLICIES = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"] as const;

/**
 * Cloudsplaining's list of actions whose response carries credentials (lower-case, as it keeps them). Its
 * `gamelist:` entries are read as the `gamelift:` actions they name.
 */
const CREDENTIAL_ACTIONS = [
  "airflow:createclitoken", "airflow:createweblogintoken", "appsync:createapikey", "chime:createapikey", "cloud9:createenvironmenttoken",
  "codeartifact:getauthorizationtoken", "codepipeline:pollforjobs", "cognito-identity:getopenidtoken", "cognito-identity:getopenidtokenfordeveloperidentity",
  "cognito-identity:getcredentialsforidentity", "cognito-idp:getsigningcertificate", "connect:getfederationtoken", "connect:getfederationtokens",
  "ec2:getpassworddata", "ecr-public:getauthorizationtoken", "emr-containers:getmanagedendpointsessioncredentials",
  "finspace-api:getprogrammaticaccesscredentials", "gamelift:requestuploadcredentials", "gamelift:getinstanceaccess", "gamelift:getcomputeaccess",
  "gamelift:getcomputeauthtoken", "grafana:createworkspaceapikey", "iam:createaccesskey", "iam:createloginprofile", "iam:createservicespecificcredential",
  "iam:resetservicespecificcredential", "iam:updateaccesskey", "license-manager:getaccesstoken", "lightsail:getinstanceaccessdetails",
  "lightsail:downloaddefaultkeypair", "lightsail:createbucketaccesskey", "lightsail:getrelationaldatabasemasteruserpassword",
  "mediapackage:rotatechannelcredentials", "mediapackage:rotateingestendpointcredentials", "rds-db:connect", "redshift:getclustercredentials",
  "redshift:getclustercredentialswithiam", "redshift-serverless:getcredentials", "sso:getrolecredentials", "sts:assumerole", "sts:assumerolewithsaml",
  "sts:assumerolewithwebidentity", "sts:getfederationtoken", "sts:getsessiontoken",
  // checkov excludes ecr:GetAuthorizationToken from CKV_AWS_107/287 (every image pull needs it).
];

/** Cloudsplaining's read-only actions that leak data when unscoped (its default include-actions). */
const EXFILTRATION_ACTIONS = ["s3:getobject", "ssm:getparameter", "ssm:getparameters", "ssm:getparametersbypath", "secretsmanager:getsecretvalue"];

/** The privilege-escalation combinations cloudsplaining checks (Rhino Security Labs' methods and later additions): all actions of one must be allowed. */
const ESCALATIONS: Readonly<Record<string, readonly string[]>> = {
  CreateAccessKey: ["iam:createaccesskey"],
  CreateLoginProfile: ["iam:createloginprofile"],
  UpdateLoginProfile: ["iam:updateloginprofile"],
  AddUserToGroup: ["iam:addusertogroup"],
  CreateNewPolicyVersion: ["iam:createpolicyversion"],
  SetExistingDefaultPolicyVersion: ["iam:setdefaultpolicyversion"],
  AttachUserPolicy: ["iam:attachuserpolicy"],
  AttachGroupPolicy: ["iam:attachgrouppolicy"],
  AttachRolePolicy: ["iam:attachrolepolicy"],
  PutUserPolicy: ["iam:putuserpolicy"],
  PutGroupPolicy: ["iam:putgrouppolicy"],
  PutRolePolicy: ["iam:putrolepolicy"],
  UpdateRolePolicyToAssumeIt: ["iam:updateassumerolepolicy"],
  CreateEC2WithExistingIP: ["iam:passrole", "ec2:runinstances"],
  PassRoleToNewLambdaThenInvoke: ["iam:passrole", "lambda:createfunction", "lambda:invokefunction"],
  PassRoleToNewLambdaWithEventSource: ["iam:passrole", "lambda:createfunction", "lambda:createeventsourcemapping"],
  PassRoleToNewLambdaThenAddPermission: ["iam:passrole", "lambda:createfunction", "lambda:addpermission"],
  PassRoleToNewGlueDevEndpoint: ["iam:passrole", "glue:createdevendpoint"],
  PassRoleToCloudFormation: ["iam:passrole", "cloudformation:createstack"],
  PassRoleToNewDataPipeline: ["iam:passrole", "datapipeline:createpipeline"],
  UpdateExistingGlueDevEndpoint: ["glue:updatedevendpoint"],
  EditExistingLambdaFunctionWithRole: ["lambda:updatefunctioncode"],
  AccessBedrockCodeInterpreterSession: ["bedrock-agentcore:startcodeinterpretersession", "bedrock-agentcore:invokecodeinterpreter"],
  ExecuteCloudFormationChangeSet: ["cloudformation:createchangeset", "cloudformation:executechangeset"],
  ModifyEC2UserDataThenRestart: ["ec2:modifyinstanceattribute", "ec2:stopinstances", "ec2:startinstances"],
  ModifyEC2LaunchTemplate: ["ec2:createlaunchtemplateversion", "ec2:modifylaunchtemplate"],
  EC2InstanceConnectSendSSHPublicKey: ["ec2-instance-connect:sendsshpublickey", "ec2:describeinstances"],
  ECSExecuteCommand: ["ecs:executecommand", "ecs:describetasks"],
  UpdateAndInvokeLambdaFunction: ["lambda:updatefunctioncode", "lambda:invokefunction"],
  UpdateLambdaFunctionAndAddPermission: ["lambda:updatefunctioncode", "lambda:addpermission"],
  CreatePresignedSageMakerNotebookUrl: ["sagemaker:createpresignednotebookinstanceurl"],
  UpdateSageMakerNotebookLifecycleConfig: ["sagemaker:createnotebookinstancelifecycleconfig", "sagemaker:stopnotebookinstance", "sagemaker:updatenotebookinstance", "sagemaker:startnotebookinstance"],
  PassRoleToNewAppRunnerService: ["iam:passrole", "apprunner:createservice"],
  PassRoleToNewBedrockCodeInterpreter: ["iam:passrole", "bedrock-agentcore:createcodeinterpreter", "bedrock-agentcore:startcodeinterpretersession", "bedrock-agentcore:invokecodeinterpreter"],
  PassRoleToNewStackSet: ["iam:passrole", "cloudformation:createstackset", "cloudformation:createstackinstances"],
  PassRoleToUpdateStackSet: ["iam:passrole", "cloudformation:updatestackset"],
  PassRoleToNewCodeBuildProjectThenBuild: ["iam:passrole", "codebuild:createproject", "codebuild:startbuild"],
  PassRoleToNewCodeBuildProjectThenBuildBatch: ["iam:passrole", "codebuild:createproject", "codebuild:startbuildbatch"],
  PassRoleToNewEC2SpotInstance: ["iam:passrole", "ec2:requestspotinstances"],
  PassRoleToNewECSClusterService: ["iam:passrole", "ecs:createcluster", "ecs:registertaskdefinition", "ecs:createservice"],
  PassRoleToNewECSClusterRunTask: ["iam:passrole", "ecs:createcluster", "ecs:registertaskdefinition", "ecs:runtask"],
  PassRoleToNewECSService: ["iam:passrole", "ecs:registertaskdefinition", "ecs:createservice"],
  PassRoleToNewECSTaskRun: ["iam:passrole", "ecs:registertaskdefinition", "ecs:runtask"],
  PassRoleToNewECSTaskStart: ["iam:passrole", "ecs:registertaskdefinition", "ecs:starttask"],
  PassRoleToNewGlueJobThenRun: ["iam:passrole", "glue:createjob", "glue:startjobrun"],
  PassRoleToNewGlueJobViaTrigger: ["iam:passrole", "glue:createjob", "glue:createtrigger"],
  PassRoleToUpdatedGlueJobThenRun: ["iam:passrole", "glue:updatejob", "glue:startjobrun"],
  PassRoleToUpdatedGlueJobViaTrigger: ["iam:passrole", "glue:updatejob", "glue:createtrigger"],
  PassRoleToNewSageMakerNotebook: ["iam:passrole", "sagemaker:createnotebookinstance"],
  PassRoleToNewSageMakerTrainingJob: ["iam:passrole", "sagemaker:createtrainingjob"],
  PassRoleToNewSageMakerProcessingJob: ["iam:passrole", "sagemaker:createprocessingjob"],
  CreateAndRotateAccessKey: ["iam:createaccesskey", "iam:deleteaccesskey"],
  AttachUserPolicyThenCreateAccessKey: ["iam:attachuserpolicy", "iam:createaccesskey"],
  CreatePolicyVersionThenAssumeRole: ["iam:createpolicyversion", "sts:assumerole"],
  PutUserPolicyThenCreateAccessKey: ["iam:putuserpolicy", "iam:createaccesskey"],
  AttachRolePolicyThenUpdateAssumeRolePolicy: ["iam:attachrolepolicy", "iam:updateassumerolepolicy"],
  CreatePolicyVersionThenUpdateAssumeRolePolicy: ["iam:createpolicyversion", "iam:updateassumerolepolicy"],
  PutRolePolicyThenUpdateAssumeRolePolicy: ["iam:putrolepolicy", "iam:updateassumerolepolicy"],
};

/** Does IAM action pattern `pattern` (`*`, `?` wildcards, case-insensitive) match `action`? */
/** Compiled action patterns: the rules test the same few patterns against every action of the table. */
const PATTERNS = new Map<string, RegExp>();

function matches(pattern: string, action: string): boolean {
  let re = PATTERNS.get(pattern);
  if (re === undefined) {
    re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    PATTERNS.set(pattern, re);
  }
  return re.test(action);
}

/** A pattern's actions known to the table; `unknown` when its service is not in the table (or nothing matches). */
const EXPANDED = new Map<string, { known: string[]; unknown: boolean }>();

function expand(pattern: string): { known: string[]; unknown: boolean } {
  let expanded = EXPANDED.get(pattern);
  if (expanded === undefined) {
    expanded = expandUncached(pattern);
    EXPANDED.set(pattern, expanded);
  }
  return expanded;
}

function expandUncached(pattern: string): { known: string[]; unknown: boolean } {
  const [service = "", action] = pattern.split(":");
  if (pattern === "*") return { known: [...IAM_ACTIONS.values()].flatMap((list) => list.map((a) => a.name)), unknown: true };
  const list = IAM_ACTIONS.get(service.toLowerCase());
  if (list === undefined || action === undefined) return { known: [], unknown: true };
  const known = list.filter((a) => matches(pattern, a.name)).map((a) => a.name);
  return { known, unknown: known.length === 0 };
}

const allows = (s: PolicyStatement) => s.effect.toLowerCase() === "allow";
const anyResource = (s: PolicyStatement) => s.notResource || s.resources.includes("*");

/** What a document allows without constraints, in cloudsplaining's sense. */
interface Unconstrained {
  /** Exact actions (table names, or the statement's own text for unknown services) with the statement they come from. */
  readonly actions: ReadonlyMap<string, string>;
  /** Is `action` (an exact, lower-case-insensitive name) allowed without constraints? */
  allows(action: string): boolean;
}

/** Each document's analysis, once for all the rules that read it (they run on the same blocks of one synthesis). */
const ANALYSED = new WeakMap<object, Unconstrained>();

function unconstrainedOf(block: object, statements: () => readonly PolicyStatement[]): Unconstrained {
  let u = ANALYSED.get(block);
  if (u === undefined) {
    u = unconstrained(statements());
    ANALYSED.set(block, u);
  }
  return u;
}

function unconstrained(statements: readonly PolicyStatement[]): Unconstrained {
  const denied = statements.filter((s) => !allows(s) && !s.conditioned).flatMap((s) => s.actions);
  const isDenied = (action: string) => denied.some((p) => matches(p, action));
  const open = statements.filter((s) => allows(s) && !s.conditioned);
  const actions = new Map<string, string>();
  for (const s of open) {
    for (const pattern of s.actions) {
      const { known, unknown } = expand(pattern);
      for (const name of known) {
        const entry = iamAction(name)!;
        if ((anyResource(s) || entry.wildcardOnly) && !isDenied(name)) actions.set(name, s.from);
      }
      if (unknown && anyResource(s) && !isDenied(pattern)) actions.set(pattern, s.from);
    }
  }
  return {
    actions,
    allows: (action) =>
      !isDenied(action) &&
      open.some((s) => s.actions.some((p) => matches(p, action)) && (anyResource(s) || iamAction(action)?.wildcardOnly === true)),
  };
}

/** Restrictable actions allowed on `*`: unknown ones and those the table does not mark wildcard-only. */
function restrictableOnStar(u: Unconstrained): string[] {
  return [...u.actions.keys()].filter((a) => iamAction(a)?.wildcardOnly !== true);
}

const atLevel = (u: Unconstrained, level: AccessLevel) => restrictableOnStar(u).filter((a) => iamAction(a)?.access === level);

const shortList = (names: readonly string[]) => {
  const sorted = [...new Set(names)].sort();
  return sorted.length > 6 ? `${sorted.slice(0, 6).join(", ")} and ${sorted.length - 6} more` : sorted.join(", ");
};

type Analysis = (u: Unconstrained) => string | undefined;

const ANALYSES = {
  credentials: ((u) => {
    const found = CREDENTIAL_ACTIONS.filter((a) => u.allows(a));
    return found.length === 0 ? undefined : `it allows actions that return credentials without a resource scope or condition (${shortList(found)}): scope them to ARNs or add a condition`;
  }) as Analysis,
  exfiltration: ((u) => {
    const found = EXFILTRATION_ACTIONS.filter((a) => u.allows(a));
    return found.length === 0 ? undefined : `it allows data-reading actions on every resource (${shortList(found)}): name the buckets, parameters or secrets`;
  }) as Analysis,
  permissions: ((u) => {
    const found = atLevel(u, "Permissions management");
    return found.length === 0 ? undefined : `it allows permissions-management actions on every resource (${shortList(found)}): name the resources`;
  }) as Analysis,
  escalation: ((u) => {
    const found = Object.entries(ESCALATIONS).filter(([, combo]) => combo.every((a) => u.allows(a)));
    return found.length === 0 ? undefined : `it allows privilege escalation (${found.map(([name, combo]) => `${name}: ${combo.join(" + ")}`).join("; ")}): scope iam:PassRole and the IAM write actions to named ARNs`;
  }) as Analysis,
  write: ((u) => {
    const found = atLevel(u, "Write");
    return found.length === 0 ? undefined : `it allows write actions on every resource without a condition (${shortList(found)}): name the resources or add a condition`;
  }) as Analysis,
  starResource: ((u) => {
    const found = restrictableOnStar(u);
    const unknown = found.filter((a) => iamAction(a) === undefined);
    const note = unknown.length > 0 ? `; ${shortList(unknown)} ${unknown.length > 1 ? "are" : "is"} not in the action table, so counted as restrictable` : "";
    return found.length === 0 ? undefined : `it allows actions that support resource-level scoping on "*" without a condition (${shortList(found)}): name the resources${note}`;
  }) as Analysis,
};

const KEY_POLICY_NOTE = ' Key policies are such documents too, and cannot pass: each carries a waiver (in a key policy `Resource: "*"` is the key itself)';

function dataRule(id: string, title: string, analysis: Analysis, what: string, note = ""): PolicyRule {
  return {
    id,
    title,
    requirements: ["S1"],
    reportsOn: [DATA_DOCUMENT],
    passesWhen: `the document's own statements ${what} (cloudsplaining's model, see \`app/policy/rules/iam-documents.ts\`).${note}`,
    check: (model) =>
      model.blocks
        .filter((b) => b.kind === "data" && b.type === "aws_iam_policy_document")
        .flatMap((block): Finding[] => {
          const message = analysis(unconstrainedOf(block, () => ownStatements(block)));
          return message === undefined ? [] : [{ block, message: `policy document ${block.name}: ${message}` }];
        }),
  };
}

const READINGS = new WeakMap<object, ReturnType<typeof readPolicy>>();

function identityRule(id: string, title: string, analysis: Analysis, what: string): PolicyRule {
  return {
    id,
    title,
    requirements: ["S1"],
    reportsOn: [...IDENTITY_POLICIES],
    passesWhen: `the policy's document (read through \`data.aws_iam_policy_document\` references, JSON strings and \`jsonencode\`) ${what}; a document that cannot be read fails`,
    check: (model: StackModel) =>
      IDENTITY_POLICIES.flatMap((type) =>
        model.resources(type).flatMap((block: TfBlock): Finding[] => {
          let reading = READINGS.get(block);
          if (reading === undefined) {
            reading = readPolicy(model, block.attrs.policy);
            READINGS.set(block, reading);
          }
          if ("unreadable" in reading) return [{ block, message: `${type} ${block.name}: its policy cannot be checked: ${reading.unreadable}` }];
          const statements = reading.statements;
          const message = analysis(unconstrainedOf(block, () => statements));
          return message === undefined ? [] : [{ block, message: `${type} ${block.name}: ${message}` }];
        }),
      ),
  };
}

const WHAT = {
  credentials: "allow no action that returns credentials (cloudsplaining's list, less `ecr:GetAuthorizationToken` as checkov excludes it) without constraints",
  exfiltration: "allow none of `s3:GetObject`, `ssm:GetParameter(s)`, `ssm:GetParametersByPath`, `secretsmanager:GetSecretValue` without constraints",
  permissions: 'allow no "Permissions management" action on `Resource: "*"` without a condition',
  escalation: "allow no complete privilege-escalation combination (cloudsplaining's list, e.g. `iam:PassRole` + `lambda:CreateFunction` + `lambda:InvokeFunction`) without constraints",
  write: 'allow no "Write" action on `Resource: "*"` without a condition',
  starResource: 'allow no action on `Resource: "*"` without a condition unless the action is wildcard-only (supports no resource type); actions of services not in the table count as restrictable',
};

export const adminPolicyDocument: PolicyRule = {
  id: "CKV_AWS_1",
  title: 'Ensure IAM policies that allow full "*-*" administrative privileges are not created',
  requirements: ["S1"],
  reportsOn: [DATA_DOCUMENT],
  passesWhen: 'no Allow statement of the document has both action `*` and resource `*`',
  check: (model) =>
    model.blocks
      .filter((b) => b.kind === "data" && b.type === "aws_iam_policy_document")
      .flatMap((block): Finding[] =>
        ownStatements(block).some((s) => allows(s) && s.actions.includes("*") && s.resources.includes("*"))
          ? [{ block, message: `policy document ${block.name} allows every action on every resource: list the actions and resources the principal needs` }]
          : [],
      ),
};

export const starActionPolicyDocument: PolicyRule = {
  id: "CKV_AWS_49",
  title: 'Ensure no IAM policies documents allow "*" as a statement\'s actions',
  requirements: ["S1"],
  reportsOn: [DATA_DOCUMENT],
  passesWhen: "no Allow statement of the document has the action `*`",
  check: (model) =>
    model.blocks
      .filter((b) => b.kind === "data" && b.type === "aws_iam_policy_document")
      .flatMap((block): Finding[] =>
        ownStatements(block).some((s) => allows(s) && s.actions.includes("*")) ? [{ block, message: `policy document ${block.name} allows the action "*": list the actions` }] : [],
      ),
};

const CREDENTIALS_TITLE = "Ensure IAM policies does not allow credentials exposure";
const EXFILTRATION_TITLE = "Ensure IAM policies does not allow data exfiltration";
const PERMISSIONS_TITLE = "Ensure IAM policies does not allow permissions management / resource exposure without constraints";
const ESCALATION_TITLE = "Ensure IAM policies does not allow privilege escalation";
const WRITE_TITLE = "Ensure IAM policies does not allow write access without constraints";
const STAR_TITLE = 'Ensure no IAM policies documents allow "*" as a statement\'s resource for restrictable actions';

/** The IAM policy-document rules, in docs order. */
export const IAM_DOCUMENT_RULES: readonly PolicyRule[] = [
  adminPolicyDocument,
  starActionPolicyDocument,
  dataRule("CKV_AWS_107", CREDENTIALS_TITLE, ANALYSES.credentials, WHAT.credentials),
  dataRule("CKV_AWS_108", EXFILTRATION_TITLE, ANALYSES.exfiltration, WHAT.exfiltration),
  dataRule("CKV_AWS_109", PERMISSIONS_TITLE, ANALYSES.permissions, WHAT.permissions, KEY_POLICY_NOTE),
  dataRule("CKV_AWS_110", ESCALATION_TITLE, ANALYSES.escalation, WHAT.escalation),
  dataRule("CKV_AWS_111", WRITE_TITLE, ANALYSES.write, WHAT.write, KEY_POLICY_NOTE),
  dataRule("CKV_AWS_356", STAR_TITLE, ANALYSES.starResource, WHAT.starResource, KEY_POLICY_NOTE),
  identityRule("CKV_AWS_286", ESCALATION_TITLE, ANALYSES.escalation, WHAT.escalation),
  identityRule("CKV_AWS_287", CREDENTIALS_TITLE, ANALYSES.credentials, WHAT.credentials),
  identityRule("CKV_AWS_288", EXFILTRATION_TITLE, ANALYSES.exfiltration, WHAT.exfiltration),
  identityRule("CKV_AWS_289", PERMISSIONS_TITLE, ANALYSES.permissions, WHAT.permissions),
  identityRule("CKV_AWS_290", WRITE_TITLE, ANALYSES.write, WHAT.write),
  identityRule("CKV_AWS_355", STAR_TITLE, ANALYSES.starResource, WHAT.starResource),
];
