#!/usr/bin/env python3
"""Writes a large OpenAPI-like YAML document for bench/yaml.sh.

    python3 bench/yaml-openapi.py OUT.yaml [MEGABYTES]      # default 6 MB

Paths with several operations, parameters, request bodies and responses, schemas with
properties, descriptions as plain, quoted, literal and folded scalars, flow sequences and
mappings, comments, anchors and aliases: the constructs an OpenAPI export and hand-written
definitions use. Deterministic (no randomness), so every run reads the same bytes.
"""
import sys

out_path = sys.argv[1]
target = float(sys.argv[2] if len(sys.argv) > 2 else 6) * 1_000_000

head = """openapi: 3.0.1
info:
  title: "Synthetic API: bench/yaml.sh"
  version: '2026-12-02'
  description: >
    A generated definition with many paths, used to time YAML readers
    on the same bytes.
x-amazon-apigateway-api-key-source: HEADER
components:
  responses:
    Error: &error
      description: An error
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
paths:
"""
parts = [head]
size = len(head)
i = 0
while size < target:
    op = f"""  /resource{i}/{{id}}/items:
    # Operations on resource {i}
    get:
      operationId: listItems{i}
      summary: List the items of resource {i}
      tags: [resource{i}, items]
      parameters:
        - name: id
          in: path
          required: true
          schema: {{type: string, pattern: "^[a-z0-9-]+$"}}
        - name: limit
          in: query
          schema:
            type: integer
            minimum: 1
            maximum: 500
            default: 25
      responses:
        '200':
          description: "The items, one page: \\"next\\" links to more"
          content:
            application/json:
              schema:
                type: array
                items: {{$ref: '#/components/schemas/Item{i}'}}
        '404': *error
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: https://backend.example.com/resource{i}/{{id}}/items
        requestParameters:
          integration.request.path.id: method.request.path.id
        requestTemplates:
          application/json: |
            {{
              "id": "$input.params('id')",
              "limit": $input.params('limit')
            }}
        passthroughBehavior: when_no_match
        timeoutInMillis: 29000
    post:
      operationId: createItem{i}
      description: |-
        Creates an item under resource {i}.
        The body is validated against Item{i}.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Item{i}'
      responses:
        201:
          description: Created
        400: *error
"""
    parts.append(op)
    size += len(op)
    i += 1
parts.append("x-amazon-apigateway-binary-media-types: ['image/png', 'application/octet-stream']\n...\n")
with open(out_path, "w") as f:
    f.write("".join(parts))
print(f"{out_path}: {size} bytes, {i} paths")
