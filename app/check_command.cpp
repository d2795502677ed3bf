#include "check_command.h"
