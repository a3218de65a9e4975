#include "io/ImportEntity.h"
