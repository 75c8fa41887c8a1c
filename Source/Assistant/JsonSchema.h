#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace moodboard::assistant
{

/** Checks a JSON value against the part of JSON Schema (draft 2020-12) the assistant's tools use:
    `type` (a name or a list of names; "integer" means a whole number), `properties`,
    `required`, `additionalProperties: false`, `enum`, `minimum`, `maximum`, `minLength`,
    `maxLength` (in bytes), `items`, `minItems`, `maxItems`. Other keywords are ignored, so a
    schema must not rely on them.

    Returns nothing when the value fits, else the first problem, written for a language model to
    correct its call: "$.count: expected a whole number from 1 to 200, got 500". Any thread.
*/
[[nodiscard]] std::optional<std::string> validateAgainstSchema (const nlohmann::json& value,
                                                                const nlohmann::json& schema);

} // namespace moodboard::assistant
