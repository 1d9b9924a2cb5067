"""huggingface_hub's `send_telemetry` posts its `user_agent` dict to Hugging Face's own telemetry
endpoint: a share to Hugging Face (the vendor's telemetry, argilla-server's client, the twentieth
session); a call without that payload sends nothing of a person."""

from __future__ import annotations

from engine_support import observed


def test_hugging_face_telemetry_is_a_share_of_what_its_user_agent_dict_carries() -> None:
    source = """\
        from huggingface_hub.utils import send_telemetry

        def track(user, system_info):
            send_telemetry(topic="t", library_name="lib", library_version="1", user_agent={"user.id": user.id, **system_info})
            send_telemetry("t", library_name="lib", library_version="1")
        """
    # (the keyword's own name reads as a User-Agent: what the library sends it as)
    assert observed(source) == [(4, "share", ("user.device", "user.unique_id"), "python.share.huggingface-telemetry", False)]
