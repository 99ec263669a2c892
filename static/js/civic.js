// Civic progressive enhancement
