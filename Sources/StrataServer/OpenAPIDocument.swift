import StrataCore

/// The OpenAPI 3.1 description of the HTTP API, served at `/openapi.json`. What the routes enforce is
/// stated from the same source: the event types (`EventType`, with its synonyms) and `k`'s bounds.
enum OpenAPIDocument {
    /// The event names the server accepts, as JSON: the types, then their synonyms.
    static let eventNames =
        "["
        + (EventType.allCases.map(\.rawValue) + EventType.synonyms.keys.sorted()).map { "\"\($0)\"" }
        .joined(separator: ", ") + "]"

    /// `k`'s bounds as JSON Schema keywords.
    static let kBounds =
        #""minimum": \#(StrataServer.kRange.lowerBound), "maximum": \#(StrataServer.kRange.upperBound)"#

    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Strata", "version": "1", "description": "Layered user interests, segments and recommendations. Writes need an API key of the write scope and deletes one of the admin scope (Authorization: Bearer KEY or X-API-Key: KEY); reads need one of the read scope when the server is started with --reads-need-key. With --rate-limit, a key past its rate gets 429 with Retry-After. Segment sizes under --min-group-size are null. Errors come as {\"error\": {\"status\", \"message\"}}."},
          "components": {
            "securitySchemes": {
              "bearer": {"type": "http", "scheme": "bearer"},
              "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}
            },
            "schemas": {
              "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}}},
              "Event": {"type": "object", "required": ["user_id", "item_id", "event"], "properties": {
                "user_id": {"type": "string", "minLength": 1}, "item_id": {"type": "string", "minLength": 1},
                "event": {"type": "string", "minLength": 1, "enum": \#(eventNames), "description": "one of the nine event types (view … search) or a synonym of one; case, surrounding spaces and -, _ or a space between words do not matter"},
                "timestamp": {"oneOf": [{"type": "integer", "description": "Unix seconds"}, {"type": "string", "description": "ISO-8601"}], "description": "defaults to now"},
                "value": {"type": "number", "description": "required for ratings"}, "text": {"type": "string"}}},
              "Item": {"type": "object", "required": ["item_id", "title"], "properties": {
                "item_id": {"type": "string", "minLength": 1}, "title": {"type": "string", "minLength": 1, "pattern": "\\S"}, "description": {"type": "string"},
                "categories": {"type": "array", "items": {"type": "string"}, "description": "paths like Electronics>Phones"},
                "attributes": {"type": "object", "additionalProperties": {"type": "string"}}}},
              "Interest": {"type": "object", "properties": {"label": {"type": "string"}, "weight": {"type": "number"}, "evidence": {"type": "array", "items": {"type": "string"}}, "topic": {"type": "integer"}}},
              "Profile": {"type": "object", "properties": {"user": {"type": "string"}, "event_count": {"type": "integer"}, "reference_time": {"type": "string"},
                "layers": {"type": "object", "properties": {"surface": {"type": "array", "items": {"$ref": "#/components/schemas/Interest"}}, "middle": {"type": "array", "items": {"$ref": "#/components/schemas/Interest"}}, "deep": {"type": "array", "items": {"$ref": "#/components/schemas/Interest"}}}},
                "explanation": {"type": "object", "description": "with explain=true: one or two sentences per layer", "additionalProperties": {"type": "string"}},
                "explanation_source": {"type": "object", "description": "with explain=true: llm or template per layer", "additionalProperties": {"type": "string", "enum": ["llm", "template"]}}}},
              "Topic": {"type": "object", "properties": {"id": {"type": "integer"}, "level": {"type": "string", "enum": ["fine", "coarse"]}, "label": {"type": "string"}, "keywords": {"type": "array", "items": {"type": "string"}}, "size": {"type": "integer"}, "parent": {"type": "integer"}, "representative_items": {"type": "array", "items": {"type": "string"}}}}
            },
            "responses": {
              "BadRequest": {"description": "malformed JSON or a bad parameter", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Unauthorized": {"description": "no API key, or a credential that is not a valid key (a wrong key, an Authorization that is not Bearer KEY, two different keys)", "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Forbidden": {"description": "the API key's scope is too narrow, or the server has no key configured", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "NotFound": {"description": "unknown user, item or segment", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "TooManyRequests": {"description": "the key passed its rate limit; retry after Retry-After seconds", "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Unavailable": {"description": "still computing the stages the store lacks", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
          },
          "paths": {
            "/v1/events": {"post": {"summary": "Ingest a batch of events (one transaction); the touched users' profiles are updated before the answer", "security": [{"bearer": []}, {"apiKey": []}],
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["events"], "properties": {"events": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/Event"}}}}}}},
              "responses": {"200": {"description": "stored", "content": {"application/json": {"schema": {"type": "object", "properties": {"accepted": {"type": "integer"}, "users_updated": {"type": "integer"}}}}}},
                "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "429": {"$ref": "#/components/responses/TooManyRequests"},
                "413": {"description": "body or batch too large"}, "422": {"description": "an event names an item not in the catalog; nothing stored"}}}},
            "/v1/items": {"put": {"summary": "Upsert a batch of items; new or changed texts are embedded and new items get their nearest topic", "security": [{"bearer": []}, {"apiKey": []}],
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/Item"}}}}}}},
              "responses": {"200": {"description": "stored", "content": {"application/json": {"schema": {"type": "object", "properties": {"inserted": {"type": "integer"}, "updated": {"type": "integer"}, "unchanged": {"type": "integer"}, "embedded": {"type": "integer"}}}}}},
                "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "429": {"$ref": "#/components/responses/TooManyRequests"}, "413": {"description": "body or batch too large"}}}},
            "/v1/users/{id}/profile": {"get": {"summary": "A user's three interest layers; with explain=true, one explanation per layer (by the LLM under --llm-scope users, else a template)", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                {"name": "explain", "in": "query", "schema": {"type": "boolean", "default": false}}],
              "responses": {"200": {"description": "the profile", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
            "/v1/users/{id}/recommendations": {"get": {"summary": "Top-k recommendations with reasons, never the user's own items; with layer, the items nearest that layer's vector explained by its interests", "parameters": [
                {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                {"name": "k", "in": "query", "description": "at most the catalog size (400 beyond it)", "schema": {"type": "integer", \#(kBounds), "default": 10}},
                {"name": "layer", "in": "query", "schema": {"type": "string", "enum": ["surface", "middle", "deep", "all"], "default": "all"}},
                {"name": "explain", "in": "query", "schema": {"type": "boolean", "default": true}}],
              "responses": {"200": {"description": "ranked items"}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}, "503": {"$ref": "#/components/responses/Unavailable"}}}},
            "/v1/users/{id}/layers/history": {"get": {"summary": "How the user's three layers moved: their profile at `points` cuts spread evenly over their events (the last is the whole history), oldest first", "parameters": [
                {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                {"name": "points", "in": "query", "schema": {"type": "integer", "minimum": 2, "maximum": 24, "default": 6}}],
              "responses": {"200": {"description": "the profiles", "content": {"application/json": {"schema": {"type": "object", "properties": {"user": {"type": "string"}, "points": {"type": "array", "items": {"$ref": "#/components/schemas/Profile"}}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
            "/v1/evaluation/layers": {"get": {"summary": "The layer settings `strata evaluate --layers` chose for this store and each layer's precision, NDCG and calibration at its horizon beside the baselines", "responses": {"200": {"description": "the evaluation", "content": {"application/json": {"schema": {"type": "object", "properties": {"k": {"type": "integer"}, "users": {"type": "integer"}, "settings": {"type": "object"}, "rows": {"type": "array", "items": {"type": "object", "properties": {"horizon": {"type": "string"}, "layer": {"type": "string"}, "level": {"type": "string"}, "predictor": {"type": "string"}, "precision": {"type": "number"}, "ndcg": {"type": "number"}, "calibration": {"type": "number"}, "users": {"type": "integer"}}}}}}}}}, "404": {"$ref": "#/components/responses/NotFound"}}}},
            "/v1/users/{id}": {"delete": {"summary": "Delete a user (admin scope): events, profile, memberships and everything derived; freed pages overwritten", "security": [{"bearer": []}, {"apiKey": []}],
              "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
              "responses": {"200": {"description": "deleted"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "429": {"$ref": "#/components/responses/TooManyRequests"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
            "/v1/recommendations/cold-start": {"post": {"summary": "Recommendations for someone without history: free text ranks items by cosine to their text vectors, attributes pick the segment whose members share them and rank its popular items; both blend the two",
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "anyOf": [{"required": ["text"], "properties": {"text": {"minLength": 1}}}, {"required": ["attributes"], "properties": {"attributes": {"minProperties": 1}}}], "properties": {"text": {"type": "string"}, "attributes": {"type": "object", "additionalProperties": {"type": "string"}}, "k": {"type": ["integer", "null"], \#(kBounds), "default": 10, "description": "at most the catalog size (400 beyond it); null is the default"}}}}}},
              "responses": {"200": {"description": "ranked items"}, "400": {"$ref": "#/components/responses/BadRequest"}, "503": {"$ref": "#/components/responses/Unavailable"}}}},
            "/v1/interests": {"post": {"summary": "Which fine topics a free text (a review, a search, a cold-start sentence) expresses, each with the words that show it: the LLM's reading under --llm-scope users, else the embedding's",
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string", "minLength": 1}}}}}},
              "responses": {"200": {"description": "the interests", "content": {"application/json": {"schema": {"type": "object", "properties": {"text": {"type": "string"}, "interests": {"type": "array", "items": {"type": "object", "properties": {"topic": {"type": "integer"}, "label": {"type": "string"}, "phrase": {"type": "string"}, "score": {"type": "number"}, "source": {"type": "string", "enum": ["llm", "embedding"]}}}}}}}}},
                "400": {"$ref": "#/components/responses/BadRequest"}, "503": {"$ref": "#/components/responses/Unavailable"}}}},
            "/v1/segments": {"get": {"summary": "The deep-layer interest segments with labels, sizes, keywords, topics and representative users and items, largest first; users are reassigned as their events arrive and the segments refitted when drift passes its threshold", "responses": {"200": {"description": "segments"}, "503": {"$ref": "#/components/responses/Unavailable"}}}},
            "/v1/segments/{id}": {"get": {"summary": "One segment with its members (at most 1,000)", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
              "responses": {"200": {"description": "the segment"}, "404": {"$ref": "#/components/responses/NotFound"}, "503": {"$ref": "#/components/responses/Unavailable"}}}},
            "/v1/topics": {"get": {"summary": "The catalog's fine and coarse topics", "parameters": [{"name": "level", "in": "query", "schema": {"type": "string", "enum": ["fine", "coarse"]}}],
              "responses": {"200": {"description": "topics", "content": {"application/json": {"schema": {"type": "object", "properties": {"topics": {"type": "array", "items": {"$ref": "#/components/schemas/Topic"}}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}}}},
            "/healthz": {"get": {"summary": "200 once the server can serve, 503 while it computes missing stages", "responses": {"200": {"description": "ready"}, "503": {"description": "starting: status, stage, and done of total where the stage counts"}}}},
            "/metrics": {"get": {"summary": "Prometheus metrics: requests, latencies, events ingested, segment refits", "responses": {"200": {"description": "text exposition format"}}}},
            "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1"}}}},
            "/": {"get": {"summary": "The dashboard: segment map, segment and topic lists, the layer evaluation chart, and a user lookup with layers, how they moved, and recommendations", "responses": {"200": {"description": "HTML"}}}}
          }
        }
        """#
}
