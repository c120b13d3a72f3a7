import { TerraformOutput, TerraformStack, Testing, Token } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { terraformJson, terraformString } from "../../../constructs/core/terraform-string";

describe("terraformString / terraformJson (the one escaping of embedded text)", () => {
  it("escapes Terraform's interpolation and directive sequences in literal text", () => {
    expect(terraformJson({ url: "${__value.raw}", t: "%{x}", both: "$${x}" })).toBe('{"url":"$${__value.raw}","t":"%%{x}","both":"$$${x}"}');
  });

  it("leaves text without template sequences unchanged", () => {
    expect(terraformJson({ a: "$5 {b} 100%" }, 2)).toBe(JSON.stringify({ a: "$5 {b} 100%" }, null, 2));
  });

  it("keeps cdktf references as references and escapes only the literal text around them", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    new AwsProvider(stack, "aws", { region: "ap-northeast-1" });
    const bucket = new S3Bucket(stack, "b", { bucket: "b" });
    new TerraformOutput(stack, "o", { value: terraformString(`\${user} ${bucket.arn}/\${x} %{if}`) });
    const out = JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: string }> };
    expect(out.output.o!.value).toBe("$${user} ${aws_s3_bucket.b.arn}/$${x} %%{if}");
    expect(Token.isUnresolved(terraformString(bucket.arn))).toBe(true);
  });
});
