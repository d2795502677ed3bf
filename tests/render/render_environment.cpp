#include "render_environment.h"

namespace qinba {
namespace {
const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new RenderEnvironment);
} // namespace
} // namespace qinba
