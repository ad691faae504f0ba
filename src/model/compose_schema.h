// The keys the Compose specification allows (compose-spec.json, which compose-go validates every loaded
// project against): at the top level and in a service. Any other key, except an `x-` extension, makes docker
// compose refuse the project ("additional properties ... not allowed"). tests/model/compose_schema_test.cc
// keeps these lists equal to the schema in ../shared/reference/compose-spec/.
#ifndef DOCKLINT_MODEL_COMPOSE_SCHEMA_H_
#define DOCKLINT_MODEL_COMPOSE_SCHEMA_H_

#include <string_view>
#include <vector>

namespace docklint::model {

const std::vector<std::string_view>& ComposeTopLevelKeys();  // sorted
const std::vector<std::string_view>& ComposeServiceKeys();   // sorted

bool IsComposeTopLevelKey(std::string_view key);
bool IsComposeServiceKey(std::string_view key);

}  // namespace docklint::model

#endif  // DOCKLINT_MODEL_COMPOSE_SCHEMA_H_
