import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ChangePasswordBody {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  current_password!: string;

  @ApiProperty({ description: 'at least 12 characters, not the username, not a common password / 12文字以上' })
  @IsString()
  @MaxLength(400)
  new_password!: string;
}
