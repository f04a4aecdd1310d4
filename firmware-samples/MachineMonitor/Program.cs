return 0; // PLACEHOLDER
