"""Where a state's raw text comes from: a local path or ``s3://bucket/key`` (through a client
allowed only GetObject). Read, never written; every text returned passed the one parser."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from importer.discovery.session import ClientFactory
from importer.state.reader import StateError, TerraformState, parse_state, split_s3_location

S3ClientFactory = Callable[[], Any]


class StateBucketMissing(StateError):
    """The S3 bucket that should hold the state does not exist (a sibling stack not deployed yet)."""


def get_object_client(session: Any, region: str, endpoint_url: str | None) -> S3ClientFactory:
    """A factory of the S3 client that reads state: allowed GetObject only, made when first needed."""
    return lambda: ClientFactory(session, region, frozenset({("s3", "GetObject")}),
                                 endpoint_url=endpoint_url).client("s3")


def read_state_text(location: str, s3_client: S3ClientFactory) -> str | None:
    """The raw state at ``location``, or None when there is none yet; StateError (one line) when the
    bucket is missing, the path is a directory, or the text is not Terraform state version 4."""
    if location.startswith("s3://"):
        bucket, key = split_s3_location(location)
        client = s3_client()
        try:
            body = client.get_object(Bucket=bucket, Key=key)["Body"].read()
        except client.exceptions.NoSuchKey:
            return None
        except client.exceptions.NoSuchBucket as error:
            raise StateBucketMissing(f"{location}: the state bucket {bucket} does not exist") from error
        text = body.decode("utf-8", errors="replace")
    else:
        path = Path(location)
        if path.is_dir():
            raise StateError(f"{location}: a directory, not a state file")
        if not path.exists():
            return None
        text = path.read_text(errors="replace")
    parse_state(text, location)
    return text


def read_state(location: str, s3_client: S3ClientFactory) -> TerraformState:
    """The state at ``location``, parsed; a missing object or file is an empty, non-existent state."""
    return parse_state(read_state_text(location, s3_client), location)
