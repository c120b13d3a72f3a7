import { Opaque, parseJsonencode } from "../../../../app/policy/private/hcl-value";

describe("parseJsonencode reads Fn.jsonencode(...) as cdktf renders it", () => {
  it("reads objects, tuples, strings with interpolations, numbers and references", () => {
    const value = parseJsonencode('${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = ["s3:GetObject"], "Resource" = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"], "Max" = 3, "On" = true}]})}');
    expect(value).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: [new Opaque("aws_s3_bucket.b.arn"), "${aws_s3_bucket.b.arn}/*"], Max: 3, On: true }],
    });
  });

  it("keeps interpolations that contain quotes and braces inside a string", () => {
    expect(parseJsonencode('${jsonencode({"a" = "${join(",", ["x", "y"])}-z", "b" = lookup(var.m, "k", {})})}')).toEqual({ a: '${join(",", ["x", "y"])}-z', b: new Opaque('lookup(var.m, "k", {})') });
  });

  it("returns undefined for anything but a whole jsonencode expression", () => {
    expect(parseJsonencode("${file(\"policy.json\")}")).toBeUndefined();
    expect(parseJsonencode('{"a": 1}')).toBeUndefined();
  });

  it("fails when the jsonencode argument is cut off", () => {
    expect(() => parseJsonencode('${jsonencode({"a" = "b)}')).toThrow("unterminated string");
  });
});
