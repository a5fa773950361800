"""Codify cleaning on hand-written inputs: generated HCL line edits driven by Terraform's errors,
and value cleaning (empties, facts' drops, secrets)."""

from importer.codify import clean

GENERATED = '''# __generated__ by Terraform
resource "aws_subnet" "a" {
  availability_zone    = "us-east-1a"
  availability_zone_id = "use1-az1"
  customer_owned_ipv4_pool = ""
  enable_lni_at_device_index = 0
  outpost_arn = null
  tags = {
    Name = "a"
  }
  tags_all = {
    Name = "a"
  }
}

resource "aws_lb_listener" "l" {
  default_action {
    order = 0
    type  = "forward"
  }
  policy = jsonencode({
    Statement = []
  })
  port = 443
}
'''

ERRORS = '''
Error: Conflicting configuration arguments

  with aws_subnet.a,
  on generated.tf line 2:
  (source code not available)

"availability_zone": conflicts with availability_zone_id

Error: Conflicting configuration arguments

  with aws_subnet.a,
  on generated.tf line 2:

"availability_zone_id": conflicts with availability_zone

Error: enable_lni_at_device_index must not be zero, got 0

  with aws_subnet.a,

Error: expected default_action.0.order to be in the range (1 - 50000), got 0

  with aws_lb_listener.l,

Error: "" is not a valid CIDR block: invalid CIDR address:

  with aws_route_table.r,
'''


def test_split_prune_and_render_keep_other_lines():
    blocks = clean.split_generated(GENERATED)
    assert sorted(blocks) == ["aws_lb_listener.l", "aws_subnet.a"]
    pruned = clean.prune_generated("aws_subnet", blocks["aws_subnet.a"])
    text = "\n".join(pruned)
    assert "outpost_arn" not in text and "customer_owned_ipv4_pool" not in text and "tags_all" not in text
    assert 'tags = {' in text and 'Name = "a"' in text and "availability_zone_id" in text


def test_errors_name_what_to_remove_and_keep_wins_conflicts():
    removals, unresolved = clean.error_removals(ERRORS)
    assert [(r.address, r.path) for r in removals] == [
        ("aws_lb_listener.l", "default_action.0.order"), ("aws_subnet.a", "availability_zone_id"),
        ("aws_subnet.a", "enable_lni_at_device_index")]
    assert unresolved == [("aws_route_table.r", '"" is not a valid CIDR block: invalid CIDR address:')]
    blocks = clean.split_generated(GENERATED)
    done = clean.apply_removals(blocks, removals)
    assert len(done) == 3
    listener = "\n".join(blocks["aws_lb_listener.l"])
    assert "order" not in listener and 'type  = "forward"' in listener and "Statement = []" in listener
    subnet = "\n".join(blocks["aws_subnet.a"])
    assert "availability_zone_id" not in subnet and 'availability_zone    = "us-east-1a"' in subnet


def test_remove_path_takes_a_multiline_value_whole():
    lines = clean.split_generated(GENERATED)["aws_lb_listener.l"]
    assert clean.remove_path(lines, ["policy"])
    assert lines == ["  default_action {", "    order = 0", '    type  = "forward"', "  }", "  port = 443"]
    assert not clean.remove_path(lines, ["missing"])


def test_placeholders_are_added_under_ignore_changes():
    lines = clean.prune_generated("aws_lambda_function", ['  function_name = "f"', '  filename = null',
                                                          '  source_code_hash = "x"'])
    assert lines == ['  function_name = "f"', '  filename = "lambda.zip"',
                     "  lifecycle { ignore_changes = [filename] }"]


def test_clean_values_drops_empties_and_keeps_secrets_out():
    values = {"function_name": "f", "environment": [{"variables": {"TOKEN": "canary-123"}}], "description": "",
              "tags_all": {"a": "b"}, "tracing_config": [{"mode": "PassThrough", "x": None}], "timeout": 0,
              "filename": None}
    arguments, comments, secrets = clean.clean_values("aws_lambda_function", values, {},
                                                      frozenset({"tracing_config", "environment"}))
    assert arguments == {"function_name": "f", "tracing_config": [{"mode": "PassThrough"}], "timeout": 0}
    assert secrets == ["environment", "filename"]
    assert "canary-123" not in repr((arguments, comments, secrets))
    assert any(c.startswith("tags_all: dropped") for c in comments)


def test_terraform_sensitive_marks_are_secrets_too():
    arguments, _, secrets = clean.clean_values("aws_x_thing", {"conn": "pw", "size": 1}, {"conn": True})
    assert arguments == {"size": 1} and secrets == ["conn"]
