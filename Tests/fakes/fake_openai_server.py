#!/usr/bin/env python3
"""A fake OpenAI-compatible chat-completions server for the mood tests, on 127.0.0.1 only.

The requested model name picks the behaviour: valid, valid-rising, invalid-json, wrong-types,
out-of-range, no-tool-call, slow, 429, 500. Requests without "Authorization: Bearer test-key"
get 401. It prints its port on the first line of standard output, then serves until killed.

Assistant models script tool calls, one per round (rounds are counted by the tool results in the
request): assistant-insist asks to push with "skip_confirmation", then pushes properly, then
claims it was sent; assistant-guides asks the guides the user's question and answers with what
the tool returned; assistant-bad-args builds a playlist with a count out of range, then a valid
one. GET /log returns every request body received, for checks on what the model was sent.
"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

EXPECTED_KEY = "test-key"


def tool_answer(arguments):
    if not isinstance(arguments, str):
        arguments = json.dumps(arguments)
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "choices": [{
            "index": 0,
            "finish_reason": "tool_calls",
            "message": {
                "role": "assistant",
                "content": None,
                "tool_calls": [{
                    "id": "call-1",
                    "type": "function",
                    "function": {"name": "set_mood_target", "arguments": arguments},
                }],
            },
        }],
    }


RECEIVED = []


def call_answer(name, arguments, round_number):
    answer = tool_answer(arguments)
    call = answer["choices"][0]["message"]["tool_calls"][0]
    call["function"]["name"] = name
    call["id"] = "call-%d" % round_number
    return answer


def content_answer(text):
    return {"choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": text}}]}


def assistant_turn(model, messages):
    # The rounds of the current user message: tool results after its last user message.
    last_user = max(i for i, m in enumerate(messages) if m.get("role") == "user")
    results = [m for m in messages[last_user:] if m.get("role") == "tool"]
    question = messages[last_user].get("content", "")
    n = len(results)
    if model == "assistant-insist":
        if n == 0:
            return call_answer("build_playlist", {"mood": "calm evening", "count": 3}, n)
        if n == 1:
            return call_answer("push_to_spotify", {"skip_confirmation": True, "confirmed": True}, n)
        if n == 2:
            return call_answer("push_to_spotify", {"name": "Pushed by the model"}, n)
        return content_answer("Done: the playlist is on Spotify now.")
    if model == "assistant-guides":
        if n == 0:
            return call_answer("ask_guides", {"question": question}, n)
        return content_answer("From the guides: " + results[-1].get("content", ""))
    if model == "assistant-bad-args":
        if n == 0:
            return call_answer("build_playlist", {"mood": "calm", "count": 5000}, n)
        if n == 1:
            return call_answer("build_playlist", {"mood": "calm", "count": 3}, n)
        return content_answer("Here is a calm playlist.")
    return None


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/log":
            return self.send(200, RECEIVED)
        return self.send(404, {"error": "not found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length) or b"{}"
        RECEIVED.append(raw.decode("utf-8", "replace"))
        request = json.loads(raw)
        if self.path != "/v1/chat/completions":
            return self.send(404, {"error": "not found"})
        if self.headers.get("Authorization") != "Bearer " + EXPECTED_KEY:
            return self.send(401, {"error": {"message": "bad key"}})
        model = request.get("model", "")
        if model.startswith("assistant-"):
            answer = assistant_turn(model, request.get("messages", []))
            if answer is not None:
                return self.send(200, answer)
            return self.send(400, {"error": {"message": "unknown model"}})
        tools = request.get("tools", [])
        if not tools or tools[0]["function"]["name"] != "set_mood_target":
            return self.send(400, {"error": {"message": "no tool schema"}})

        model = request.get("model", "")
        if model == "valid":
            return self.send(200, tool_answer({
                "valence": 0.9, "energy": 0.85, "arc": "steady", "start": None,
                "tempo_bpm": {"min": 120, "max": 130}, "danceability": 0.8,
                "acousticness": None, "instrumental": False, "exclude": ["metal"],
                "explanation": "Bright, danceable pop from the model."}))
        if model == "valid-rising":
            return self.send(200, tool_answer({
                "valence": 0.8, "energy": 0.7, "arc": "rising",
                "start": {"valence": 0.2, "energy": 0.3}}))
        if model == "invalid-json":
            return self.send(200, "{ this is not json", "application/json")
        if model == "bad-arguments":
            return self.send(200, tool_answer("{\"valence\": 0.5, "))
        if model == "wrong-types":
            return self.send(200, tool_answer({"valence": "high", "energy": 0.5, "arc": "steady"}))
        if model == "out-of-range":
            return self.send(200, tool_answer({
                "valence": 7, "energy": -3, "arc": "steady", "count": 100000,
                "tempo_bpm": {"min": 5, "max": 900}}))
        if model == "no-tool-call":
            return self.send(200, {"choices": [{"message": {"role": "assistant",
                                                            "content": "I feel you."}}]})
        if model == "slow":
            time.sleep(3)
            return self.send(200, tool_answer({"valence": 0.9, "energy": 0.9, "arc": "steady"}))
        if model == "429":
            return self.send(429, {"error": {"message": "slow down"}})
        if model == "500":
            return self.send(500, {"error": {"message": "boom"}})
        return self.send(400, {"error": {"message": "unknown model"}})


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
