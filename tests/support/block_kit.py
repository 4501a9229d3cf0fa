"""Block Kit's limits, as Slack refuses what breaks them: in messages, modals and Home tabs."""

from __future__ import annotations

import json
from typing import Any

# Slack refuses blocks of more than about 13,300 characters as JSON, a limit it does not document
# (slackapi/bolt-js#2509); the fake refuses from 13,000
MAX_BLOCKS_CHARACTERS = 13_000
MESSAGE_BLOCKS, VIEW_BLOCKS = 50, 100
VIEW_TYPES = ("modal", "home")
MODAL_TITLE = MODAL_BUTTON = 24  # characters of a modal's title, and of its submit and close
PRIVATE_METADATA, CALLBACK_ID = 3000, 255


def block_problem(message: dict[str, Any]) -> str | None:
    """Slack's error name for a message over Block Kit's limits, or None."""
    text = message.get("text") or ""
    if len(text) > 40_000:
        return "msg_too_long"
    blocks = message.get("blocks") or []
    if not isinstance(blocks, list) or len(blocks) > MESSAGE_BLOCKS:
        return "invalid_blocks"
    if any(_broken(block) for block in blocks):
        return "invalid_blocks"
    if len(json.dumps(blocks, ensure_ascii=False)) > MAX_BLOCKS_CHARACTERS:
        return "msg_blocks_too_long"
    return None


def view_problem(view: Any) -> str | None:
    """What Slack would say is wrong with a modal or Home tab (it answers invalid_arguments),
    or None."""
    if not isinstance(view, dict) or view.get("type") not in VIEW_TYPES:
        return "a view is a modal or a home"
    blocks = view.get("blocks")
    if not isinstance(blocks, list) or not 0 < len(blocks) <= VIEW_BLOCKS:
        return f"a view holds 1 to {VIEW_BLOCKS} blocks"
    if len(view.get("private_metadata") or "") > PRIVATE_METADATA:
        return f"private_metadata over {PRIVATE_METADATA} characters"
    if any(len(view.get(name) or "") > CALLBACK_ID for name in ("callback_id", "external_id")):
        return f"a callback_id or external_id over {CALLBACK_ID} characters"
    if view["type"] == "modal":
        title = _text(view.get("title"))
        if title is None or not 0 < len(title) <= MODAL_TITLE:
            return f"a modal's title is plain text of 1 to {MODAL_TITLE} characters"
        for name in ("submit", "close"):
            shown = _text(view.get(name))
            if view.get(name) is not None and (shown is None or len(shown) > MODAL_BUTTON):
                return f"a modal's {name} is plain text of at most {MODAL_BUTTON} characters"
        inputs = any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
        if inputs and view.get("submit") is None:
            return "a modal with input blocks needs a submit button"
    elif any(isinstance(b, dict) and b.get("type") == "input" for b in blocks):
        return "input blocks belong in modals"
    for block in blocks:
        if _broken(block):
            return f"a block over Block Kit's limits: {json.dumps(block)[:200]}"
    return None


def _broken(block: Any) -> bool:
    """Whether one block breaks Block Kit's limits."""
    if not isinstance(block, dict) or "type" not in block:
        return True
    if len(block.get("block_id") or "") > 255:
        return True
    kind, body = block["type"], (block.get("text") or {}).get("text", "")
    fields = block.get("fields") or []
    elements = block.get("elements") or []
    if kind == "section" and (
        len(body) > 3000 or len(fields) > 10 or any(len(f["text"]) > 2000 for f in fields)
    ):
        return True
    if kind == "header" and len(body) > 150:
        return True
    if kind == "context" and len(elements) > 10:
        return True
    if kind == "actions" and len(elements) > 25:
        return True
    if kind == "input" and (
        len(_text(block.get("label")) or "") > 2000 or not block.get("element")
    ):
        return True
    inner = [*elements, block.get("accessory"), block.get("element")]
    return any(_element_broken(element) for element in inner if element is not None)


def _element_broken(element: dict[str, Any]) -> bool:
    """Whether a button, menu or input breaks its limits."""
    if len(element.get("action_id") or "") > 255:
        return True
    kind = element.get("type")
    if kind == "button":
        return len(element["text"]["text"]) > 75 or len(element.get("value") or "") > 2000
    options = element.get("options") or []
    limit = {"checkboxes": 10, "radio_buttons": 10, "overflow": 5, "static_select": 100}
    if kind in limit and len(options) > limit[str(kind)]:
        return True
    if kind == "overflow" and len(options) < 2:
        return True
    return any(len(o["text"]["text"]) > 75 or len(o.get("value") or "") > 150 for o in options)


def _text(text: Any) -> str | None:
    """A plain_text object's text, or None when it is none."""
    if not isinstance(text, dict) or text.get("type") != "plain_text":
        return None
    return str(text.get("text") or "")
