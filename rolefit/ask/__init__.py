"""Questions about the roles answered from cited passages, or honestly not answered."""
