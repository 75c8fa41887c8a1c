#!/usr/bin/env python3
"""A fake OpenAI-compatible chat-completions server for the mood tests, on 127.0.0.1 only.

The requested model name picks the behaviour: valid, valid-rising, invalid-json, wrong-types,
out-of-range, no-tool-call, slow, 429, 500. Requests without "Authorization: Bearer test-key"
get 401. It prints its port on the first line of standard output, then serves until killed.
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

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        if self.path != "/v1/chat/completions":
            return self.send(404, {"error": "not found"})
        if self.headers.get("Authorization") != "Bearer " + EXPECTED_KEY:
            return self.send(401, {"error": {"message": "bad key"}})
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
