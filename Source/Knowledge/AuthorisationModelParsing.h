#pragma once

// Internal to the authorisation model: reading one type definition, shared by the parser and the
// whole-model checks. Not for use outside Source/Knowledge.

#include "Knowledge/AuthorisationModel.h"

#include <nlohmann/json_fwd.hpp>

namespace moodboard::knowledge::detail
{

/** Reads one entry of 'type_definitions' (its relations and their metadata) without checking
    references to other types. Any thread.
*/
[[nodiscard]] Expected<TypeDefinition> parseTypeDefinition (const nlohmann::json& node);

} // namespace moodboard::knowledge::detail
