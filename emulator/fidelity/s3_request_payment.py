"""S3 keeps who pays for a bucket's requests (GetBucketRequestPayment / PutBucketRequestPayment,
``?requestPayment``): ``BucketOwner`` by default, ``Requester`` once set. The emulator kept a payer
per bucket but had no route for either operation: a GET listed the bucket's objects (read as no
payer at all) and a PUT was taken for CreateBucket, so nothing ever changed."""

from __future__ import annotations

from typing import Any

import xmltodict

QUERY = "requestPayment"


def apply() -> None:
    """Route ``?requestPayment`` GETs and PUTs to the bucket's payer."""
    from moto.core.responses import ActionResult
    from moto.s3.responses import S3Response

    get, put = S3Response._bucket_response_get, S3Response._bucket_response_put

    def bucket_response_get(self: Any, bucket_name: str, querystring: dict[str, Any]) -> Any:
        if QUERY not in querystring:
            return get(self, bucket_name, querystring)
        self._set_action("BUCKET", "GET", querystring)
        self._authenticate_and_authorize_s3_action(bucket_name=bucket_name)
        payer = self.backend.get_bucket(bucket_name).payer
        self.data["Action"] = "GetBucketRequestPayment"
        return self.serialized(ActionResult({"Payer": payer}))

    def bucket_response_put(self: Any, request: Any, bucket_name: str, querystring: dict[str, Any]) -> Any:
        if QUERY not in querystring:
            return put(self, request, bucket_name, querystring)
        self._set_action("BUCKET", "PUT", querystring)
        self._authenticate_and_authorize_s3_action(bucket_name=bucket_name)
        payer = xmltodict.parse(self.body)["RequestPaymentConfiguration"]["Payer"]
        self.backend.get_bucket(bucket_name).payer = payer
        return 200, {}, ""

    S3Response._bucket_response_get = bucket_response_get
    S3Response._bucket_response_put = bucket_response_put
